// TEMPORARY (admin branch): replaced by the payments/credentials branch at merge
/** Minimal certificate revocation so the admin dashboard runs before the credentials branch. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { certificates } from "../db/schema";
import { ApiError } from "../http/errors";

export type CertificateRecord = typeof certificates.$inferSelect;

export async function revokeCertificate(
  db: Db,
  input: { certificateId: string; revokedBy: string; reason: string },
): Promise<{ before: CertificateRecord; after: CertificateRecord }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(certificates)
      .where(eq(certificates.id, input.certificateId))
      .for("update");
    if (!before) throw new ApiError(404, "not_found", "There is no such certificate.");
    if (before.revokedAt)
      throw new ApiError(409, "already_revoked", "This certificate is already revoked.");
    const [after] = await tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedBy: input.revokedBy, revocationReason: input.reason })
      .where(eq(certificates.id, input.certificateId))
      .returning();
    if (!after) throw new ApiError(404, "not_found", "There is no such certificate.");
    return { before, after };
  });
}
