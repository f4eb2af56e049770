/** Request and response shapes of the account API, shared by the server and the PWA. */
import { z } from "zod";
import { USER_ROLES } from "../domain/enums";
import { PASSWORD_MAX_LENGTH } from "../domain/password-policy";

/** @handle: 3–30 letters, digits or underscores; stored without the @, compared case-blind. */
export const HANDLE_RE = /^[A-Za-z0-9_]{3,30}$/;

export const emailField = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address." }))
  .transform((e) => e.toLowerCase());

export const handleField = z
  .string()
  .trim()
  .transform((h) => h.replace(/^@/, ""))
  .pipe(z.string().regex(HANDLE_RE, "Use 3 to 30 letters, digits or underscores."));

const passwordField = z.string().min(1, "Enter a password.").max(PASSWORD_MAX_LENGTH);

export const registerInput = z.object({
  email: emailField,
  password: passwordField,
  name: z.string().trim().min(1, "Enter your name.").max(100),
  handle: handleField,
});
export type RegisterInput = z.input<typeof registerInput>;

export const loginInput = z.object({ email: emailField, password: passwordField });
export const tokenInput = z.object({ token: z.string().min(16).max(200) });
export const requestResetInput = z.object({ email: emailField });
export const resetPasswordInput = z.object({
  token: z.string().min(16).max(200),
  password: passwordField,
});

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  handle: z.string(),
  role: z.enum(USER_ROLES),
  isCreator: z.boolean(),
  isStudentTeacher: z.boolean(),
  isAdmin: z.boolean(),
  isModerator: z.boolean(),
  isEmployer: z.boolean(),
  emailVerified: z.boolean(),
  privacyPublic: z.boolean(),
  title: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  bioShort: z.string().nullable(),
  timezone: z.string(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: meSchema,
});
