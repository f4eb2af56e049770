/**
 * Opaque secrets handed to clients (session tokens, emailed links). 32 random bytes; only
 * their SHA-256 is stored, so a leaked database does not let anyone sign in.
 */
import { createHash, randomBytes } from "node:crypto";

export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
