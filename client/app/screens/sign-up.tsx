import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Field, FormError, fieldErrors, formValues } from "../components/form";
import { signUp } from "../data/auth";
import { describeError } from "../lib/api";

export function SignUp() {
  const { route } = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(e: Event) {
    e.preventDefault();
    const v = formValues(e);
    setBusy(true);
    setError(null);
    try {
      await signUp({
        name: v.name ?? "",
        handle: v.handle ?? "",
        email: v.email ?? "",
        password: v.password ?? "",
      });
      route("/learn?welcome=1");
    } catch (err) {
      const f = fieldErrors(err);
      // weak_password carries no path: it is about the password field.
      if ((err as { code?: string }).code === "weak_password") f.password = describeError(err);
      setFields(f);
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

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
