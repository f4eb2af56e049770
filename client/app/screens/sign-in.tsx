import { useLocation } from "preact-iso";
import { Field, FormError, useFormSubmit } from "../components/form";
import { signIn } from "../data/auth";

export function SignIn() {
  const { route, query } = useLocation();
  const { busy, error, fields, submit } = useFormSubmit(async (v) => {
    await signIn(v.email ?? "", v.password ?? "");
    const next = query.next;
    route(next?.startsWith("/") && !next.startsWith("//") ? next : "/learn");
  });

  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit} noValidate>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fields.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <FormError message={error} />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
      </p>
      <p>
        New to PeerLoop? <a href="/sign-up">Create an account</a>
      </p>
    </section>
  );
}
