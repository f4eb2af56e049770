/**
 * On a student's page: their Student-Teacher recommends them for a certificate; the
 * course's creator issues it. The server checks the rules and says why when it refuses.
 */
import { useState } from "preact/hooks";
import { act } from "../data/credentials";
import { useSession } from "../data/hooks";

const TYPES = [
  ["completion", "certificate of completion"],
  ["mastery", "certificate of mastery"],
] as const;

export function CertificateActions(props: {
  studentId: string;
  courseId: string;
  role: "teacher" | "creator";
}) {
  const s = useSession();
  const [message, setMessage] = useState<string | null>(null);
  if (!s) return null;
  const run = async (type: "completion" | "mastery") => {
    const body = { userId: props.studentId, courseId: props.courseId, type };
    const err =
      props.role === "creator"
        ? await act(s.token, "POST", "/api/certificates", body)
        : await act(s.token, "POST", "/api/certificates/recommendations", body);
    setMessage(
      err ??
        (props.role === "creator"
          ? "Issued: the signed certificate reaches the learner with the next sync."
          : "Recommended: the course's creator decides."),
    );
  };
  return (
    <section aria-labelledby="cert-h">
      <h2 id="cert-h">Certificates</h2>
      <p class="actions">
        {TYPES.map(([type, label]) => (
          <button key={type} type="button" onClick={() => void run(type)}>
            {props.role === "creator" ? `Issue ${label}` : `Recommend for ${label}`}
          </button>
        ))}
      </p>
      <p role="status">{message}</p>
    </section>
  );
}
