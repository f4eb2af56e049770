/**
 * On the Teaching screen: applications to decide (creators), learners to recommend
 * (Student-Teachers), and pausing or resuming new students per certified course.
 */
import { useState } from "preact/hooks";
import type { TeacherApplicationView } from "../../../shared/api/credentials";
import { act, useApplications } from "../data/credentials";
import { useLive, useSession } from "../data/hooks";
import { date } from "../lib/format";

export function TeacherApplications({ me }: { me: string }) {
  const { data, problem, reload } = useApplications();
  const toDecide = data?.toDecide ?? [];
  const toRecommend = (data?.toRecommend ?? []).filter((a) => !a.recommendedBy);
  return (
    <>
      <TeachingAvailability me={me} />
      {toDecide.length ? (
        <section aria-labelledby="decide-h">
          <h2 id="decide-h">Applications to teach your courses</h2>
          <ul class="applications">
            {toDecide.map((a) => (
              <Decide key={a.id} app={a} done={reload} />
            ))}
          </ul>
        </section>
      ) : null}
      {toRecommend.length ? (
        <section aria-labelledby="recommend-h">
          <h2 id="recommend-h">Your learners who applied to teach</h2>
          <ul class="applications">
            {toRecommend.map((a) => (
              <Recommend key={a.id} app={a} done={reload} />
            ))}
          </ul>
        </section>
      ) : null}
      {problem ? <p class="muted">{problem}</p> : null}
    </>
  );
}

function Summary({ app }: { app: TeacherApplicationView }) {
  return (
    <>
      <strong>{app.applicantName}</strong> · {app.courseTitle} · applied {date(app.createdAt)}
      {app.message ? <blockquote>{app.message}</blockquote> : null}
      {app.recommendedBy ? (
        <p class="muted">
          Recommended by their Student-Teacher
          {app.recommendationNote ? `: “${app.recommendationNote}”` : "."}
        </p>
      ) : null}
    </>
  );
}

function Decide({ app, done }: { app: TeacherApplicationView; done: () => void }) {
  const s = useSession();
  const [message, setMessage] = useState<string | null>(null);
  if (!s) return null;
  const decide = async (e: Event, verb: "approve" | "decline") => {
    e.preventDefault();
    const form = (e.currentTarget as HTMLElement).closest("form") as HTMLFormElement;
    const reason = String(new FormData(form).get("reason") ?? "").trim();
    if (verb === "decline" && !reason) {
      setMessage("Say why, so the applicant knows what to do next.");
      return;
    }
    const path = `/api/teacher-applications/${app.id}/${verb}`;
    const err = await act(s.token, "POST", path, verb === "decline" ? { reason } : undefined);
    setMessage(err);
    if (!err) done();
  };
  return (
    <li>
      <Summary app={app} />
      <form onSubmit={(e) => void decide(e, "approve")}>
        <label for={`reason-${app.id}`}>Reason, if you decline</label>
        <textarea id={`reason-${app.id}`} name="reason" rows={2} maxLength={2000} />
        <p class="actions">
          <button class="primary" type="submit">
            Approve {app.applicantName}
          </button>
          <button type="button" onClick={(e) => void decide(e, "decline")}>
            Decline
          </button>
        </p>
      </form>
      <p role="status">{message}</p>
    </li>
  );
}

function Recommend({ app, done }: { app: TeacherApplicationView; done: () => void }) {
  const s = useSession();
  const [message, setMessage] = useState<string | null>(null);
  if (!s) return null;
  const recommend = async (e: Event) => {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget as HTMLFormElement).get("note") ?? "");
    const err = await act(s.token, "POST", `/api/teacher-applications/${app.id}/recommend`, {
      note: note.trim() || undefined,
    });
    setMessage(err);
    if (!err) done();
  };
  return (
    <li>
      <Summary app={app} />
      <form onSubmit={recommend}>
        <label for={`note-${app.id}`}>A note for the creator (optional)</label>
        <textarea id={`note-${app.id}`} name="note" rows={2} maxLength={2000} />
        <button type="submit">Recommend {app.applicantName}</button>
      </form>
      <p role="status">{message}</p>
    </li>
  );
}

/** From the local profile (readable offline); changing it needs the server. */
function TeachingAvailability({ me }: { me: string }) {
  const s = useSession();
  const profile = useLive((l) => l.db.profiles.findOne(me).$, [me]);
  const courses = useLive((l) => l.db.courses.find().$, []);
  const [message, setMessage] = useState<string | null>(null);
  if (!s || !profile?.teaching.length) return null;
  const title = (id: string) => courses?.find((c) => c.id === id)?.title ?? "A course";
  const toggle = async (courseId: string, isActive: boolean) => {
    const err = await act(s.token, "PUT", `/api/teaching/${courseId}/active`, { isActive });
    setMessage(err ?? (isActive ? "Taking new students again." : "Paused: no new students."));
  };
  return (
    <section aria-labelledby="avail-h">
      <h2 id="avail-h">Your certifications</h2>
      <ul>
        {profile.teaching.map((t) => (
          <li key={t.courseId} class="check">
            <input
              type="checkbox"
              id={`active-${t.courseId}`}
              checked={t.isActive}
              onChange={(e) =>
                void toggle(t.courseId, (e.currentTarget as HTMLInputElement).checked)
              }
            />
            <label for={`active-${t.courseId}`}>
              {title(t.courseId)}: taking new students (certified {date(t.certifiedDate)})
            </label>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}
