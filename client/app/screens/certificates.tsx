/**
 * My certificates, from the local database (they travel inside the profile, so they are
 * here offline), each with its public verification and printable page; for creators, the
 * Student-Teachers' recommendations waiting to be issued.
 */
import { useState } from "preact/hooks";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { act, useRecommendations } from "../data/credentials";
import { useLive, useSession } from "../data/hooks";
import { date } from "../lib/format";

const LABEL: Record<string, string> = {
  completion: "Certificate of completion",
  mastery: "Certificate of mastery",
  teaching: "Student-Teacher certificate",
};

export function Certificates() {
  return (
    <SignedIn title="Certificates">
      {({ me }) => <Body me={me.id} isCreator={me.isCreator} />}
    </SignedIn>
  );
}

function Body({ me, isCreator }: { me: string; isCreator: boolean }) {
  const profile = useLive((l) => l.db.profiles.findOne(me).$, [me]);
  const courses = useLive((l) => l.db.courses.find().$, []);
  if (profile === undefined) return <Loading title="Certificates" />;
  const title = (id: string) => courses?.find((c) => c.id === id)?.title ?? "A PeerLoop course";
  const certs = [...(profile?.certificates ?? [])].sort((a, b) =>
    b.issuedAt.localeCompare(a.issuedAt),
  );
  return (
    <section>
      <h1>Your certificates</h1>
      {certs.length === 0 ? (
        <p>No certificates yet. Finish a course and its creator can issue you one.</p>
      ) : (
        <ul class="certificates">
          {certs.map((c) => (
            <li key={c.id}>
              <strong>{LABEL[c.type] ?? c.type}</strong> · {title(c.courseId)}
              <br />
              <span class="muted">
                Issued {date(c.issuedAt)}
                {c.revokedAt ? ` · revoked ${date(c.revokedAt)}` : ""}
              </span>
              <br />
              {/* target=_top: a full page load, since these are the server's pages, not the
                  app's (the app's router would otherwise take the click) */}
              <a href={`/verify/${c.id}`} target="_top">
                Verification page
              </a>{" "}
              ·{" "}
              <a href={`/verify/${c.id}/print`} target="_top">
                Print
              </a>{" "}
              ·{" "}
              <a href={`/verify/${c.id}.pdf`} target="_top" download>
                Download PDF
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        Anyone can check a certificate at its verification page (it needs a connection). Each is a
        signed Open Badges 3.0 credential.
      </p>
      {isCreator ? <ToIssue /> : null}
    </section>
  );
}

function ToIssue() {
  const s = useSession();
  const { data, problem, reload } = useRecommendations(true);
  const [message, setMessage] = useState<string | null>(null);
  if (!s) return null;
  const list = data?.recommendations ?? [];
  return (
    <section aria-labelledby="issue-h">
      <h2 id="issue-h">Recommended for a certificate</h2>
      {problem ? <p class="muted">{problem}</p> : null}
      {data && !list.length ? <p>No recommendations waiting.</p> : null}
      <ul>
        {list.map((r) => (
          <li key={r.id}>
            {r.learnerName} · {r.courseTitle} · {r.type}, recommended by {r.recommenderName}
            {r.note ? ` — “${r.note}”` : ""}{" "}
            <button
              type="button"
              onClick={async () => {
                const err = await act(s.token, "POST", "/api/certificates", {
                  userId: r.userId,
                  courseId: r.courseId,
                  type: r.type,
                });
                setMessage(err ?? `Issued to ${r.learnerName}.`);
                reload();
              }}
            >
              Issue
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}
