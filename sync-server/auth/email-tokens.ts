/**
 * Single-use tokens sent by email. Consuming one is a single conditional UPDATE, so two
 * clicks on the same link at the same moment cannot both succeed.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { authTokens } from "../db/schema";
import { ApiError } from "../http/errors";
import { hashToken, newSecretToken } from "./tokens";

export type EmailTokenPurpose = "verify_email" | "reset_password";

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
};

export async function issueEmailToken(
  db: Db,
  userId: string,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const { token, hash } = newSecretToken();
  await db.insert(authTokens).values({
    id: uuidv7(),
    userId,
    purpose,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + EMAIL_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/** Marks the token used and returns its user id; 400 with a precise code otherwise. */
export async function consumeEmailToken(
  db: Db,
  token: string,
  purpose: EmailTokenPurpose,
): Promise<string> {
  const hash = hashToken(token);
  const now = new Date();
  const [used] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(authTokens.tokenHash, hash),
        eq(authTokens.purpose, purpose),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
      ),
    )
    .returning({ userId: authTokens.userId });
  if (used) return used.userId;

  const [found] = await db
    .select({ usedAt: authTokens.usedAt })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hash), eq(authTokens.purpose, purpose)))
    .limit(1);
  if (!found) throw new ApiError(400, "invalid_token", "This link is not valid.");
  if (found.usedAt) throw new ApiError(400, "token_used", "This link was already used.");
  throw new ApiError(400, "token_expired", "This link has expired. Ask for a new one.");
}
