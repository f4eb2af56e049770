/**
 * Enroll: choose a teacher (the creator or a certified Student-Teacher), then pay on the
 * checkout page (Stripe, or the server's local provider). The price and the outcome are the
 * server's; the enrollment reaches this device through sync. Checkout needs a connection.
 * Employers may name the learner they pay for.
 */
import { useEffect, useState } from "preact/hooks";
import type { Checkout, CourseTeacher } from "../../../shared/api/payments";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";
import { date, money } from "../lib/format";

const DAY_MS = 86_400_000;

export function CheckoutPanel(props: { slug: string; priceCents: number; currency: string }) {
  const s = useSession();
  const online = useOnline();
  const [teachers, setTeachers] = useState<CourseTeacher[] | null>(null);
  const [refundDays, setRefundDays] = useState<number | null>(null);
  const [teacherId, setTeacherId] = useState<string>("");
  const [learner, setLearner] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const employer = !!s && (s.user.isEmployer || s.user.role === "employer");

  useEffect(() => {
    if (!online) return;
    const ctrl = new AbortController();
    api<{ teachers: CourseTeacher[]; refundWindowDays: number }>(
      `/api/courses/${encodeURIComponent(props.slug)}/teachers`,
      { signal: ctrl.signal },
    )
      .then((r) => {
        setTeachers(r.teachers);
        setRefundDays(r.refundWindowDays);
        setTeacherId((id) => id || r.teachers[0]?.id || "");
      })
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setMessage(describeError(err));
      });
    return () => ctrl.abort();
  }, [props.slug, online]);

  if (!s) {
    return (
      <p class="notice">
        <a href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</a> to enroll.
      </p>
    );
  }
  if (!online) {
    return (
      <p class="notice" role="status">
        Checkout needs a connection. You are offline: try again when you are back online.
      </p>
    );
  }
  if (!teachers) return <p role="status">{message ?? "Loading teachers…"}</p>;

  const pay = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const { checkout } = await api<{ checkout: Checkout }>("/api/checkout", {
        method: "POST",
        token: s.token,
        body: {
          courseSlug: props.slug,
          teacherId,
          ...(learner.trim() ? { learner: learner.trim() } : {}),
        },
      });
      location.assign(checkout.url);
    } catch (err) {
      setBusy(false);
      setMessage(describeError(err));
    }
  };

  return (
    <form class="checkout" onSubmit={(e) => void pay(e)}>
      <fieldset>
        <legend>Choose your teacher</legend>
        {teachers.map((t) => (
          <label key={t.id} class="choice">
            <input
              type="radio"
              name="teacher"
              value={t.id}
              checked={teacherId === t.id}
              onChange={() => setTeacherId(t.id)}
            />{" "}
            {t.name}
            <span class="muted">
              {" "}
              · {t.isCreator ? "course creator" : `Student-Teacher, ${t.studentsTaught} taught`}
            </span>
          </label>
        ))}
      </fieldset>
      {employer ? (
        <p>
          <label>
            Enroll someone from your team (email or handle; leave empty for yourself)
            <input
              type="text"
              name="learner"
              autoComplete="off"
              value={learner}
              onInput={(e) => setLearner((e.target as HTMLInputElement).value)}
            />
          </label>
        </p>
      ) : null}
      <p>
        <button type="submit" class="primary" disabled={busy || !teacherId}>
          {busy
            ? "Opening checkout…"
            : `Continue to payment · ${money(props.priceCents, props.currency)}`}
        </button>
      </p>
      <p class="muted">
        {refundDays === null ? null : <RefundNote days={refundDays} />} The course appears in My
        learning on all your devices as soon as the payment is confirmed.
      </p>
      <p role="status" aria-live="polite">
        {message ?? ""}
      </p>
    </form>
  );
}

/** The server's refund window, as a date: paying now, the refund is possible until then. */
function RefundNote(props: { days: number }) {
  if (props.days === 0) return <>No refunds after payment.</>;
  const until = date(new Date(Date.now() + props.days * DAY_MS).toISOString());
  return (
    <>
      Full refund until {until} ({props.days} {props.days === 1 ? "day" : "days"} after payment), as
      long as no session has been completed or used.
    </>
  );
}
