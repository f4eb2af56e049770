import { useLocation } from "preact-iso";
import { Field, FormError, useFormSubmit } from "../components/form";
import { signUp } from "../data/auth";

export function SignUp() {
  const { route } = useLocation();
  const { busy, error, fields, submit } = useFormSubmit(async (v) => {
    await signUp({
      name: v.name ?? "",
      handle: v.handle ?? "",
      email: v.email ?? "",
      password: v.password ?? "",
    });
    route("/learn?welcome=1");
  });

  return (
    <section class="narrow">
      <h1>Create your account</h1>
      <form onSubmit={submit} noValidate>
        <Field label="Your name" name="name" autoComplete="name" required error={fields.name} />
        <Field
          label="Handle"
          name="handle"
          autoComplete="username"
          required
          hint="3 to 30 letters, digits or underscores; people find you by it."
          error={fields.handle}
        />
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
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          error={fields.password}
        />
        <FormError message={error} />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create account"}
        </button>
      </form>
      <p>
        Already have an account? <a href="/sign-in">Sign in</a>
      </p>
    </section>
  );
}
