/** The landing page of the verification email's link: `/verify-email?token=…`. */

import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Me } from "../../../shared/api/auth";
import { saveSession, session } from "../data/session";
import { api, describeError } from "../lib/api";

type State = { kind: "working" } | { kind: "done" } | { kind: "failed"; message: string };

export function VerifyEmail() {
  const { query } = useLocation();
  const [state, setState] = useState<State>({ kind: "working" });
  const token = query.token ?? "";

  useEffect(() => {
    if (!token) {
      setState({
        kind: "failed",
        message: "This link has no token. Open the link from the email again.",
      });
      return;
    }
    api<{ user: Me }>("/api/auth/verify-email", { method: "POST", body: { token } }).then(
      ({ user }) => {
        const s = session.get();
        if (s && s.user.id === user.id) saveSession({ ...s, user });
        setState({ kind: "done" });
      },
      (err) => setState({ kind: "failed", message: describeError(err) }),
    );
  }, [token]);

  return (
    <section class="narrow">
      <h1>Email verification</h1>
      <div role="status">
        {state.kind === "working" ? <p>Confirming your email address…</p> : null}
        {state.kind === "done" ? <p>Your email address is confirmed. Thank you!</p> : null}
      </div>
      {state.kind === "failed" ? (
        <p class="error" role="alert">
          {state.message} The link may have expired or been used already.
        </p>
      ) : null}
      <p>
        <a href={session.get() ? "/learn" : "/sign-in"}>Continue to PeerLoop</a>
      </p>
    </section>
  );
}
