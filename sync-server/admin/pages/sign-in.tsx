/** @jsxImportSource hono/jsx */
import { BarePage } from "../components/layout";

export function SignInPage(props: {
  next: string;
  error?: string | undefined;
  email?: string | undefined;
}) {
  return (
    <BarePage title="Sign in to PeerLoop admin">
      {props.error ? (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/sign-in">
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={props.email ?? ""}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit">Sign in</button>
      </form>
    </BarePage>
  );
}

export function ForbiddenPage(props: { name: string }) {
  return (
    <BarePage title="Not for this account">
      <p>
        {props.name}, this part of the admin dashboard is for admins only. <a href="/admin">Back</a>{" "}
        · <a href="/">PeerLoop</a>
      </p>
    </BarePage>
  );
}
