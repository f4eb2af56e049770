/** Someone's profile as synced to this device (people one learns with or teaches). */
import { useLocation } from "preact-iso";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import { openDirectConversation } from "../data/messaging";
import { date } from "../lib/format";

export function Person({ userId }: { userId: string }) {
  const { route } = useLocation();
  return (
    <SignedIn title="Profile">
      {({ me, local }) => (
        <View
          userId={userId}
          me={me.id}
          message={async () => {
            route(`/messages/${await openDirectConversation(local, me.id, userId)}`);
          }}
        />
      )}
    </SignedIn>
  );
}

function View({ userId, me, message }: { userId: string; me: string; message: () => void }) {
  const p = useLive((l) => l.db.profiles.findOne(userId).$, [userId]);
  const courses = useLive((l) => l.db.courses.find().$, []);
  if (p === undefined) return <Loading title="Profile" />;
  if (!p)
    return (
      <section>
        <h1>Profile</h1>
        <p>This profile is not on this device.</p>
      </section>
    );
  const title = (id: string) => courses?.find((c) => c.id === id)?.title ?? "a course";
  return (
    <section class="narrow">
      <h1>{p.name}</h1>
      <p class="muted">
        @{p.handle}
        {p.title ? ` · ${p.title}` : ""}
      </p>
      {p.id !== me ? (
        <p>
          <button type="button" onClick={message}>
            Send a message
          </button>
        </p>
      ) : null}
      {p.bio || p.bioShort ? <p class="prose">{p.bio ?? p.bioShort}</p> : null}
      {p.expertise.length ? (
        <>
          <h2>Expertise</h2>
          <ul class="tags">
            {p.expertise.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.interests.length ? (
        <>
          <h2>Interests</h2>
          <ul class="tags">
            {p.interests.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.qualifications.length ? (
        <>
          <h2>Qualifications</h2>
          <ul>
            {p.qualifications.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.teaching.length ? (
        <>
          <h2>Teaches</h2>
          <ul>
            {p.teaching.map((t) => (
              <li key={t.courseId}>
                {title(t.courseId)} · certified {date(t.certifiedDate)}
                {t.isActive ? "" : " (paused)"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.certificates.length ? (
        <>
          <h2>Certificates</h2>
          <ul>
            {p.certificates
              .filter((c) => !c.revokedAt)
              .map((c) => (
                <li key={c.id}>
                  {title(c.courseId)} · {c.type.replace(/_/g, " ")} · {date(c.issuedAt)} ·{" "}
                  <a href={`/verify/${c.id}`} target="_top">
                    verify
                  </a>
                </li>
              ))}
          </ul>
        </>
      ) : null}
      {p.website ? (
        <p>
          <a href={p.website} rel="noopener noreferrer">
            Website
          </a>
        </p>
      ) : null}
    </section>
  );
}
