/** "Forgot password" (asks for the email) and the emailed link's landing page. */

import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Field, FormError, useFormSubmit } from "../components/form";
import { api } from "../lib/api";

export function ForgotPassword() {
  const [sent, setSent] = useState(false);
  const { busy, error, fields, submit } = useFormSubmit(async ({ email }) => {
    await api("/api/auth/request-password-reset", { method: "POST", body: { email } });
    setSent(true);
  });

  return (
    <section class="narrow">
      <h1>Reset your password</h1>
      {sent ? (
        <p role="status">
          If an account uses that address, a link to set a new password is on its way. It works for
          one hour.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={fields.email}
          />
          <FormError message={error} />
          <button class="primary" type="submit" disabled={busy}>
            Send me a link
          </button>
        </form>
      )}
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </section>
  );
}

export function ResetPassword() {
  const { query } = useLocation();
  const [done, setDone] = useState(false);
  const token = query.token ?? "";
  const { busy, error, fields, submit } = useFormSubmit(async ({ password, confirm }) => {
    if (password !== confirm) return "The two passwords differ.";
    await api("/api/auth/reset-password", { method: "POST", body: { token, password } });
    setDone(true);
  });

  return (
    <section class="narrow">
      <h1>Choose a new password</h1>
      {!token ? (
        <p class="error">This link has no token. Open the link from the email again.</p>
      ) : done ? (
        <p role="status">
          Your password is changed and you were signed out everywhere.{" "}
          <a href="/sign-in">Sign in with your new password</a>.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field
            label="New password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters."
            error={fields.password}
          />
          <Field
            label="New password again"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
          />
          <FormError message={error} />
          <button class="primary" type="submit" disabled={busy}>
            Set password
          </button>
        </form>
      )}
    </section>
  );
}
