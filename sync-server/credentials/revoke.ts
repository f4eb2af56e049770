/**
 * Revoking a certificate (admins, from the dashboard). The row and its signed credential
 * stay: the verification page then reports it revoked, when and why.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/database";
import { certificates } from "../db/schema";
import { ApiError } from "../http/errors";
import type { CertificateRecord } from "./issue";
import { notify } from "./notify";

export type { CertificateRecord };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function revokeCertificate(
  db: Db,
  input: { certificateId: string; revokedBy: string; reason: string },
): Promise<{ before: CertificateRecord; after: CertificateRecord }> {
  const reason = input.reason.trim();
  if (!reason) throw new ApiError(400, "validation_failed", "Say why the certificate is revoked.");
  if (!UUID.test(input.certificateId)) throw new ApiError(404, "not_found", "No such certificate.");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(certificates)
      .where(eq(certificates.id, input.certificateId))
      .for("update");
    if (!before) throw new ApiError(404, "not_found", "No such certificate.");
    if (before.revokedAt) {
      throw new ApiError(409, "already_revoked", "This certificate is already revoked.");
    }
    const [after] = await tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedBy: input.revokedBy, revocationReason: reason })
      .where(and(eq(certificates.id, before.id), isNull(certificates.revokedAt)))
      .returning();
    if (!after) throw new ApiError(409, "already_revoked", "This certificate is already revoked.");
    await notify(tx as unknown as Db, [
      {
        userId: before.userId,
        type: "certificate",
        title: "A certificate was revoked",
        body: `Your certificate was revoked: ${reason}`,
        actionUrl: "/certificates",
      },
    ]);
    return { before, after };
  });
}
