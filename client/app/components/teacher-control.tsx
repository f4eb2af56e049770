/**
 * On a learner's page, for the course's creator: who teaches this learner, and moving them
 * to an active Student-Teacher of the course or to oneself. The server decides (online
 * only); the page shows the new teacher once the enrollment syncs back.
 */
import { useEffect, useState } from "preact/hooks";
import { useOnline, useSession } from "../data/hooks";
import { reassign, useEnrollmentTeachers } from "../data/reassign";

export function TeacherControl(props: {
  enrollmentId: string;
  /** From the local (synced) enrollment: `null` means the creator teaches. */
  teacherId: string | null;
  me: string;
  names: Map<string, { name: string }>;
}) {
  const s = useSession();
  const online = useOnline();
  const { data, problem, reload } = useEnrollmentTeachers(props.enrollmentId);
  const [choice, setChoice] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  /** The teacher the server accepted, until the synced enrollment shows them. */
  const [awaiting, setAwaiting] = useState<string | null>(null);

  const current = props.teacherId ?? props.me;
  const nameOf = (id: string) =>
    id === props.me
      ? "you"
      : (data?.teachers.find((t) => t.id === id)?.name ??
        (data?.currentTeacherId === id ? data.currentTeacherName : null) ??
        props.names.get(id)?.name ??
        "a teacher");

  useEffect(() => {
    if (awaiting && awaiting === current) {
      setAwaiting(null);
      setChoice("");
      setStatus(
        current === props.me
          ? "Done: you now teach this learner."
          : `Done: ${nameOf(current)} now teaches this learner.`,
      );
      reload();
    }
  }, [current, awaiting]);

  if (!s) return null;
  const paused = !!data?.currentTeacherPaused && data.currentTeacherId === props.teacherId;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!choice || choice === current) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    const err = await reassign(s.token, props.enrollmentId, choice === props.me ? null : choice);
    setBusy(false);
    if (err) {
      setError(err);
      return;
    }
    setAwaiting(choice);
    setStatus("Reassigned. The change shows here as soon as it syncs.");
  };

  return (
    <section aria-labelledby="teacher-h">
      <h2 id="teacher-h">Teacher</h2>
      <p>
        {current === props.me ? "You teach this learner." : `Taught by ${nameOf(current)}.`}{" "}
        {paused ? <span class="badge paused">Teacher paused</span> : null}
      </p>
      {paused ? (
        <p class="hint">
          {nameOf(current)} is not taking students on this course right now. Choose someone else
          below.
        </p>
      ) : null}
      <form class="reassign" onSubmit={(e) => void submit(e)}>
        <label for="reassign-to">Reassign to</label>
        <select
          id="reassign-to"
          value={choice}
          disabled={!data}
          aria-describedby="reassign-note"
          onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">Choose a teacher</option>
          {(data?.teachers ?? []).map((t) => (
            <option key={t.id} value={t.id} disabled={t.id === current}>
              {t.isCreator ? "You (course creator)" : t.name}
              {t.id === current ? " — current teacher" : ""}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !online || !choice || choice === current}>
          {busy ? "Reassigning…" : "Reassign"}
        </button>
      </form>
      <p id="reassign-note" class="hint">
        {online
          ? "The course's active Student-Teachers, or you."
          : "You are offline: reassigning needs a connection."}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {online && problem ? <p class="error">{problem}</p> : null}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
