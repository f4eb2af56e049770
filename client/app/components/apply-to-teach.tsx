/** "Apply to teach" on a course the learner completed, and where their application stands. */
import { useState } from "preact/hooks";
import { act, useApplications } from "../data/credentials";
import { useSession } from "../data/hooks";

export function ApplyToTeach({ courseId, isTeacher }: { courseId: string; isTeacher: boolean }) {
  const s = useSession();
  const { data, problem, reload } = useApplications();
  const [message, setMessage] = useState<string | null>(null);
  if (!s || isTeacher) return null;
  const mine = data?.mine.find((a) => a.courseId === courseId && a.status !== "withdrawn");
  async function apply(e: Event) {
    e.preventDefault();
    if (!s) return;
    const text = new FormData(e.currentTarget as HTMLFormElement).get("message");
    const err = await act(s.token, "POST", "/api/teacher-applications", {
      courseId,
      message: String(text ?? "").trim() || undefined,
    });
    setMessage(err ?? "Application sent. The course's creator decides; you will be notified.");
    if (!err) reload();
  }
  return (
    <section aria-labelledby="teach-h" class="apply-teach">
      <h2 id="teach-h">Teach this course</h2>
      {mine?.status === "pending" ? (
        <p>
          Your application is with the creator
          {mine.recommendedBy ? ", with your Student-Teacher's recommendation" : ""}.
        </p>
      ) : mine?.status === "approved" ? (
        <p>You are a certified Student-Teacher of this course.</p>
      ) : (
        <>
          {mine?.status === "declined" ? (
            <p>Your last application was declined: {mine.declineReason}</p>
          ) : null}
          <p>You completed every module: you can apply to become a Student-Teacher.</p>
          <form onSubmit={apply}>
            <label for="teach-msg">Why you would like to teach it (optional)</label>
            <textarea id="teach-msg" name="message" rows={3} maxLength={2000} />
            <button class="primary" type="submit">
              Apply to teach
            </button>
          </form>
        </>
      )}
      <p role="status">{message ?? problem}</p>
    </section>
  );
}
