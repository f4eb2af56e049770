/**
 * Sign-in sessions: one row per signed-in browser or device, found by the hash of its token.
 * Sessions slide: each use (at most once an hour, to spare writes) pushes expiry forward.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { authSessions, users } from "../db/schema";
import { hashToken, newSecretToken } from "./tokens";

const DAY_MS = 86_400_000;
const TOUCH_INTERVAL_MS = 3_600_000;

export type UserRow = typeof users.$inferSelect;
export type SessionUser = Omit<UserRow, "passwordHash">;

export async function createSession(
  db: Db,
  userId: string,
  ttlDays: number,
  meta: { userAgent?: string | undefined; ip?: string | undefined },
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(Date.now() + ttlDays * DAY_MS);
  const sessionId = uuidv7();
  await db.insert(authSessions).values({
    id: sessionId,
    userId,
    tokenHash: hash,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip ?? null,
    expiresAt,
  });
  return { token, expiresAt, sessionId };
}

export async function resolveSession(
  db: Db,
  token: string,
  ttlDays: number,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  if (token.length < 16 || token.length > 200) return null;
  const now = new Date();
  const [row] = await db
    .select({ session: authSessions, user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(
        eq(authSessions.tokenHash, hashToken(token)),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, now),
        isNull(users.disabledAt),
        isNull(users.deletedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(authSessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlDays * DAY_MS) })
      .where(eq(authSessions.id, row.session.id));
  }
  const { passwordHash: _omit, ...user } = row.user;
  return { user, sessionId: row.session.id };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(eq(authSessions.id, sessionId));
}

/** Ends every session of a user (password reset, account disabled). */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)));
}
