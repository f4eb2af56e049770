/**
 * Verifying a certificate credential: the proof must hold, be made by a key the platform
 * signs with, for this platform's issuer and id; then the certificate on record decides
 * between valid and revoked. Used by the public page, its JSON twin and the paste/upload
 * check, so all three agree.
 */
import { eq } from "drizzle-orm";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { certificates } from "../db/schema";
import { checkProof } from "./data-integrity";
import { canonicalize } from "./jcs";
import { ed25519Multikey } from "./multibase";
import { trustedKeys } from "./signing-key";

export type VerificationStatus = "valid" | "revoked" | "not_genuine";

export interface CertificateFacts {
  id: string;
  type: string;
  learnerName: string;
  achievement: string;
  courseUrl: string;
  /** The credential's own id: its verification page at the time of issue. */
  verifyUrl: string;
  creatorName: string;
  issuerName: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface Verification {
  status: VerificationStatus;
  /** A sentence for people: why it is not genuine, or what was checked. */
  reason: string;
  certificate: CertificateFacts | null;
}

type KeyConfig = Pick<Config, "publicUrl" | "CERT_SIGNING_KEY">;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
export const isUuid = (s: string) => new RegExp(`^${UUID}$`, "i").test(s);

const notGenuine = (reason: string): Verification => ({
  status: "not_genuine",
  reason,
  certificate: null,
});

export async function verifyCredential(
  db: Db,
  config: KeyConfig,
  presented: unknown,
): Promise<Verification> {
  const proof = checkProof(presented);
  if (!proof.ok) return notGenuine(proof.reason);
  const multikey = ed25519Multikey(proof.publicKey);
  if (!(await trustedKeys(db, config)).has(multikey)) {
    return notGenuine("It was not signed with a PeerLoop key.");
  }
  const doc = presented as Record<string, unknown>;
  const issuer = doc.issuer as { id?: unknown } | undefined;
  if (issuer?.id !== `did:key:${multikey}`) {
    return notGenuine("Its issuer is not the key that signed it.");
  }
  // Any host: the credential names the server's PUBLIC_URL at the time of issue, which may
  // have changed since. The comparison with the record below binds everything else.
  const m = new RegExp(`^https?://[^/]+(?:/[^?#]*)?/verify/(${UUID})$`, "i").exec(String(doc.id));
  if (!m?.[1]) return notGenuine("It is not a certificate of this PeerLoop.");
  const [row] = await db.select().from(certificates).where(eq(certificates.id, m[1]));
  if (!row?.credential) return notGenuine("No certificate with this id is on record.");
  if (canonicalize(row.credential) !== canonicalize(presented)) {
    return notGenuine("It differs from the certificate on record.");
  }
  const facts = factsOf(doc, row.id, row.type);
  facts.revokedAt = row.revokedAt?.toISOString() ?? null;
  facts.revocationReason = row.revocationReason;
  if (row.revokedAt) {
    return {
      status: "revoked",
      reason: "The signature holds, but PeerLoop revoked it.",
      certificate: facts,
    };
  }
  return {
    status: "valid",
    reason: "The signature holds and the certificate is in force.",
    certificate: facts,
  };
}

/** The certificate at `/verify/:id`: its stored credential, checked like any other. */
export async function verifyById(db: Db, config: KeyConfig, id: string) {
  if (!isUuid(id))
    return { verification: notGenuine("No certificate with this id."), credential: null };
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  if (!row?.credential) {
    return { verification: notGenuine("No certificate with this id."), credential: null };
  }
  return {
    verification: await verifyCredential(db, config, row.credential),
    credential: row.credential,
  };
}

/** What the (verified) credential says, for the page. */
function factsOf(doc: Record<string, unknown>, id: string, type: string): CertificateFacts {
  const subject = (doc.credentialSubject ?? {}) as Record<string, unknown>;
  const ident = (subject.identifier as { identityHash?: string }[] | undefined)?.[0];
  const achievement = (subject.achievement ?? {}) as Record<string, unknown>;
  const creator = (achievement.creator ?? {}) as { name?: string };
  const issuer = (doc.issuer ?? {}) as { name?: string };
  return {
    id,
    type,
    learnerName: String(ident?.identityHash ?? ""),
    achievement: String(achievement.name ?? doc.name ?? ""),
    courseUrl: String(achievement.id ?? "").replace(/#.*$/, ""),
    verifyUrl: String(doc.id ?? ""),
    creatorName: String(creator.name ?? ""),
    issuerName: String(issuer.name ?? ""),
    issuedAt: String(doc.validFrom ?? ""),
    revokedAt: null,
    revocationReason: null,
  };
}
