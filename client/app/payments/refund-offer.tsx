/**
 * "Cancel and get a full refund", shown while the refund window may still be open (14 days
 * from enrolling by default; the server decides, counting completed sessions too). The
 * cancelled enrollment then arrives through sync.
 */
import { useState } from "preact/hooks";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";

const WINDOW_DAYS = 14;

export function RefundOffer(props: { enrollmentId: string; enrolledAt: string; status: string }) {
  const s = useSession();
  const online = useOnline();
  const [state, setState] = useState<"idle" | "confirm" | "busy" | "done">("idle");
  const [message, setMessage] = useState("");
  const open = Date.now() - Date.parse(props.enrolledAt) < WINDOW_DAYS * 86_400_000;
  const active = props.status === "enrolled" || props.status === "in_progress";
  // Once cancelled here, the synced status changes too: keep saying what happened.
  if (!s || (state !== "done" && (!open || !active))) return null;

  const cancel = async () => {
    setState("busy");
    try {
      await api(`/api/enrollments/${props.enrollmentId}/cancel`, {
        method: "POST",
        token: s.token,
        body: {},
      });
      setState("done");
      setMessage("Cancelled. Your refund is on its way.");
    } catch (err) {
      setState("idle");
      setMessage(describeError(err));
    }
  };
  return (
    <div class="refund">
      <h2 class="h3">Changed your mind?</h2>
      {state === "confirm" || state === "busy" ? (
        <p>
          Cancel this enrollment and get a full refund?{" "}
          <button type="button" disabled={state === "busy"} onClick={() => void cancel()}>
            Yes, cancel and refund
          </button>{" "}
          <button type="button" class="link" onClick={() => setState("idle")}>
            Keep it
          </button>
        </p>
      ) : state === "idle" ? (
        <p>
          <button
            type="button"
            disabled={!online}
            onClick={() => setState("confirm")}
            aria-describedby="refund-note"
          >
            Cancel and get a full refund
          </button>{" "}
          <span id="refund-note" class="muted">
            {online
              ? `Possible for ${WINDOW_DAYS} days after enrolling, until your first session is completed.`
              : "Needs a connection."}
          </span>
        </p>
      ) : null}
      <p role="status">{message}</p>
    </div>
  );
}
