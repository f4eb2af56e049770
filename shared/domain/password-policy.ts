/**
 * Which passwords PeerLoop accepts. Shared so the sign-up form can say why before sending.
 * Length matters most (NIST SP 800-63B): at least 10 characters, no composition rules, but
 * not a well-known password and not the person's own email or handle.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "iloveyou12",
  "letmein123",
  "welcome123",
  "administrator",
  "peerloop123",
  "abcdefghij",
  "0987654321",
  "1q2w3e4r5t",
  "qwerty1234",
]);

export type PasswordProblem =
  | "too_short"
  | "too_long"
  | "too_common"
  | "too_simple"
  | "contains_identity";

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: "That password is too well known; choose another.",
  too_simple: "Use more different characters.",
  contains_identity: "Do not use your email or handle in your password.",
};

export function passwordProblem(
  password: string,
  identity: { email?: string; handle?: string } = {},
): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "too_short";
  if ([...password].length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "too_common";
  if (new Set(lower).size < 5) return "too_simple";
  const parts = [identity.email?.split("@")[0], identity.handle?.replace(/^@/, "")];
  if (parts.some((p) => p && p.length >= 4 && lower.includes(p.toLowerCase()))) {
    return "contains_identity";
  }
  return null;
}
