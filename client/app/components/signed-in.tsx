/** Screens about one's own world: ask to sign in, or wait (briefly) for the local database. */
import type { ComponentChildren } from "preact";
import { useLocation } from "preact-iso";
import type { Me } from "../../../shared/api/auth";
import { useSession } from "../data/hooks";
import { type Local, localState } from "../data/local";
import { useStore } from "../lib/store";

export function SignedIn(props: {
  title: string;
  children: (ctx: { me: Me; local: Local }) => ComponentChildren;
}) {
  const s = useSession();
  const state = useStore(localState);
  const { url } = useLocation();
  if (!s) {
    return (
      <section class="narrow">
        <h1>{props.title}</h1>
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(url)}`}>Sign in</a> to see this page.
        </p>
      </section>
    );
  }
  if (state.kind !== "ready") {
    return (
      <section>
        <h1>{props.title}</h1>
        <p role="status">
          {state.kind === "failed"
            ? `Your data could not be opened on this device: ${state.message}`
            : "Opening your data…"}
        </p>
      </section>
    );
  }
  return <>{props.children({ me: s.user, local: state.local })}</>;
}
