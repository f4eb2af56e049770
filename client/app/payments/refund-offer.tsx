/**
 * "Cancel and get a full refund", shown while the server says the refund window is open
 * (GET /api/enrollments/:id/refund: REFUND_WINDOW_DAYS from payment, until a session is
 * completed or used), with the real deadline. Needs a connection: offline it shows what it
 * last heard, with the button disabled. The cancelled enrollment then arrives through sync.
 */
import { useEffect, useState } from "preact/hooks";
import type { RefundInfo } from "../../../shared/api/payments";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";
import { dateTime } from "../lib/format";

export function RefundOffer(props: {
  enrollmentId: string;
  /** Not used any more (the server gives the deadline); kept so callers need not change. */
  enrolledAt?: string;
  status: string;
}) {
  const s = useSession();
  const online = useOnline();
  const [info, setInfo] = useState<RefundInfo | null>(null);
  const [state, setState] = useState<"idle" | "confirm" | "busy" | "done">("idle");
  const [message, setMessage] = useState("");
  const active = props.status === "enrolled" || props.status === "in_progress";
  const token = s?.token;

  useEffect(() => {
    if (!token || !online || !active) return;
    const ctrl = new AbortController();
    api<RefundInfo>(`/api/enrollments/${props.enrollmentId}/refund`, {
      token,
      signal: ctrl.signal,
    })
      .then(setInfo)
      .catch(() => {
        // Not shown: the offer is only an offer; the course page works without it.
      });
    return () => ctrl.abort();
  }, [token, online, active, props.enrollmentId]);

  // Once cancelled here, the synced status changes too: keep saying what happened.
  if (!s || (state !== "done" && (!active || !info?.refundable))) return null;
  const deadline = info?.deadline ? dateTime(info.deadline) : null;

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
              ? `Possible until ${deadline} (${info?.windowDays} days after payment), as long as no session has been completed or used.`
              : "Needs a connection."}
          </span>
        </p>
      ) : null}
      <p role="status">{message}</p>
    </div>
  );
}
