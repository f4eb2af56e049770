/**
 * Account rules: sign-up, sign-in, email verification and password reset. Routes stay thin
 * and call these; each throws an ApiError with a precise code when the rule says no, and
 * changes nothing stored in that case.
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { loginInput, registerInput } from "../../shared/api/auth";
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from "../../shared/domain/password-policy";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { uniqueViolation } from "../db/errors";
import { authTokens, users } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { consumeEmailToken, issueEmailToken } from "./email-tokens";
import { assertLoginAllowed, recordLoginAttempt } from "./login-rate-limit";
import { decoyHash, hashPassword, verifyPassword } from "./password";
import { createSession, revokeAllSessions, type SessionUser } from "./sessions";
import { hashToken } from "./tokens";

type ClientMeta = { userAgent?: string | undefined; ip?: string | undefined };

function assertStrongPassword(password: string, identity: { email?: string; handle?: string }) {
  const problem = passwordProblem(password, identity);
  if (problem)
    throw new ApiError(400, "weak_password", PASSWORD_PROBLEM_TEXT[problem], { reason: problem });
}

async function assertIdentityFree(deps: Deps, email: string, handle: string) {
  const taken = await deps.db
    .select({ email: users.email, handle: users.handle })
    .from(users)
    .where(sql`lower(${users.email}) = ${email} OR lower(${users.handle}) = lower(${handle})`);
  if (taken.some((u) => u.email.toLowerCase() === email)) {
    throw new ApiError(409, "email_taken", "An account with this email already exists.");
  }
  if (taken.length > 0) throw new ApiError(409, "handle_taken", `The handle @${handle} is taken.`);
}

export async function register(
  deps: Deps,
  input: z.output<typeof registerInput>,
  meta: ClientMeta,
) {
  assertStrongPassword(input.password, input);
  await assertIdentityFree(deps, input.email, input.handle);
  const passwordHash = await hashPassword(input.password, deps.config.PASSWORD_SCRYPT_N);
  const id = uuidv7();
  try {
    await deps.db.insert(users).values({
      id,
      email: input.email,
      passwordHash,
      name: input.name,
      handle: input.handle,
      role: "student",
    });
  } catch (err) {
    // Lost a race with a concurrent sign-up between the check and the insert.
    const constraint = uniqueViolation(err);
    if (constraint?.includes("email"))
      throw new ApiError(409, "email_taken", "An account with this email already exists.");
    if (constraint?.includes("handle"))
      throw new ApiError(409, "handle_taken", `The handle @${input.handle} is taken.`);
    throw err;
  }
  await sendVerificationEmail(deps, id, input.email, input.name);
  const session = await createSession(deps.db, id, deps.config.SESSION_TTL_DAYS, meta);
  return { ...session, user: await loadUser(deps, id) };
}

export async function login(deps: Deps, input: z.output<typeof loginInput>, meta: ClientMeta) {
  await assertLoginAllowed(deps.db, deps.config, input.email, meta.ip);
  const [user] = await deps.db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${input.email}`, isNull(users.deletedAt)))
    .limit(1);
  const ok = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await decoyHash(deps.config.PASSWORD_SCRYPT_N)),
  );
  await recordLoginAttempt(deps.db, input.email, meta.ip, ok && !!user);
  if (!user || !ok) throw new ApiError(401, "invalid_credentials", "Email or password is wrong.");
  if (user.disabledAt)
    throw new ApiError(403, "account_disabled", "This account has been disabled.");
  const session = await createSession(deps.db, user.id, deps.config.SESSION_TTL_DAYS, meta);
  const { passwordHash: _omit, ...safe } = user;
  return { ...session, user: safe };
}

export async function sendVerificationEmail(
  deps: Deps,
  userId: string,
  email: string,
  name: string,
) {
  const token = await issueEmailToken(deps.db, userId, "verify_email");
  const link = `${deps.config.publicUrl}/verify-email?token=${token}`;
  await deps.mailer.send({
    to: email,
    kind: "verify_email",
    subject: "Confirm your email for PeerLoop",
    text: `Hi ${name},\n\nConfirm your email address by opening this link:\n${link}\n\nThe link works for 48 hours.\n`,
  });
}

export async function verifyEmail(deps: Deps, token: string): Promise<SessionUser> {
  const userId = await consumeEmailToken(deps.db, token, "verify_email");
  await deps.db
    .update(users)
    .set({ emailVerified: true, updatedAt: new Date() })
    .where(eq(users.id, userId));
  return loadUser(deps, userId);
}

/** Always succeeds from the caller's view, so it does not reveal which emails have accounts. */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const [user] = await deps.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(sql`lower(${users.email}) = ${email}`, isNull(users.deletedAt), isNull(users.disabledAt)),
    )
    .limit(1);
  if (!user) return;
  // One live reset email per minute is enough; more would let anyone flood an inbox.
  const [recent] = await deps.db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.userId, user.id),
        eq(authTokens.purpose, "reset_password"),
        gt(authTokens.createdAt, new Date(Date.now() - 60_000)),
      ),
    )
    .limit(1);
  if (recent) return;
  const token = await issueEmailToken(deps.db, user.id, "reset_password");
  const link = `${deps.config.publicUrl}/reset-password?token=${token}`;
  await deps.mailer.send({
    to: user.email,
    kind: "reset_password",
    subject: "Reset your PeerLoop password",
    text: `Hi ${user.name},\n\nChoose a new password here:\n${link}\n\nThe link works for one hour. If you did not ask for this, ignore this email.\n`,
  });
}

export async function resetPassword(deps: Deps, token: string, password: string): Promise<void> {
  // Check the password before spending the token, so a weak choice can be corrected.
  const [owner] = await deps.db
    .select({ email: users.email, handle: users.handle })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(eq(authTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (owner) assertStrongPassword(password, owner);
  const userId = await consumeEmailToken(deps.db, token, "reset_password");
  const passwordHash = await hashPassword(password, deps.config.PASSWORD_SCRYPT_N);
  // The reset proves control of the mailbox, so the email counts as verified too.
  await deps.db
    .update(users)
    .set({ passwordHash, emailVerified: true, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await revokeAllSessions(deps.db, userId);
}

export async function loadUser(deps: Deps, id: string): Promise<SessionUser> {
  const [row] = await deps.db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new ApiError(404, "not_found", "No such user.");
  const { passwordHash: _omit, ...user } = row;
  return user;
}
