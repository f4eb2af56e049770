/**
 * Enroll and Follow. Enrolling is decided by the server after payment: the button opens
 * the checkout panel (payments/checkout-panel.tsx). Following is the server's
 * call too (it changes what the user may see), so it needs a connection; the course then
 * arrives on the user's devices through sync.
 */
import { useEffect, useState } from "preact/hooks";
import type { CourseView } from "../data/course-view";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";
import { money } from "../lib/format";
import { CheckoutPanel } from "../payments/checkout-panel";

export function CourseActions(props: { course: CourseView; enrollmentId: string | null }) {
  const [note, setNote] = useState<"enroll" | null>(null);
  const c = props.course;
  if (props.enrollmentId) {
    return (
      <p class="actions">
        <a class="button primary" href={`/learn/${props.enrollmentId}`}>
          Continue learning
        </a>
      </p>
    );
  }
  return (
    <>
      <p class="actions">
        <button
          type="button"
          class="primary"
          aria-expanded={note === "enroll"}
          aria-controls="action-note"
          onClick={() => setNote(note === "enroll" ? null : "enroll")}
        >
          Enroll · {money(c.priceCents, c.currency)}
        </button>
        <FollowButton slug={c.slug} />
      </p>
      <div id="action-note" aria-live="polite">
        {note === "enroll" ? (
          <CheckoutPanel slug={c.slug} priceCents={c.priceCents} currency={c.currency} />
        ) : null}
      </div>
    </>
  );
}

type FollowState =
  | { kind: "unknown" }
  | { kind: "known"; following: boolean }
  | { kind: "busy"; following: boolean };

function FollowButton({ slug }: { slug: string }) {
  const s = useSession();
  const online = useOnline();
  const [state, setState] = useState<FollowState>({ kind: "unknown" });
  const [message, setMessage] = useState<string | null>(null);
  const path = `/api/courses/${encodeURIComponent(slug)}/follow`;

  useEffect(() => {
    if (!s || !online) return;
    const ctrl = new AbortController();
    api<{ following: boolean }>(path, { token: s.token, signal: ctrl.signal })
      .then((r) => setState({ kind: "known", following: r.following }))
      .catch(() => {}); // unknown stays unknown; the button still works
    return () => ctrl.abort();
  }, [s?.token, online, path]);

  if (!s) {
    return (
      <a class="button" href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>
        Sign in to follow
      </a>
    );
  }
  const following = state.kind !== "unknown" && state.following;
  const toggle = async () => {
    if (!online) {
      setMessage("Following needs a connection: try again when you are online.");
      return;
    }
    setState({ kind: "busy", following });
    setMessage(null);
    try {
      const r = await api<{ following: boolean }>(path, {
        method: following ? "DELETE" : "PUT",
        token: s.token,
      });
      setState({ kind: "known", following: r.following });
      setMessage(
        r.following
          ? "Following: this course's page is now kept on your devices."
          : "No longer following.",
      );
    } catch (err) {
      setState({ kind: "known", following });
      setMessage(describeError(err));
    }
  };
  return (
    <>
      <button
        type="button"
        aria-pressed={following}
        disabled={state.kind === "busy"}
        onClick={() => void toggle()}
      >
        {following ? "Following" : "Follow"}
      </button>
      {/* Always present, so screen readers announce what changed in it. */}
      <span class="follow-note" role="status">
        {message ?? ""}
      </span>
    </>
  );
}
