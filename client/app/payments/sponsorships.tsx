/** An employer's sponsored learners and how far each has come. */
import type { Sponsorship } from "../../../shared/api/payments";
import { SignedIn } from "../components/signed-in";
import { date } from "../lib/format";
import { Pending, useApi } from "./earnings";

export function Sponsorships() {
  return <SignedIn title="Sponsored learners">{() => <SponsorshipList />}</SignedIn>;
}

const STATUS = {
  enrolled: "Enrolled",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};

function SponsorshipList() {
  const data = useApi<{ sponsorships: Sponsorship[] }>("/api/sponsorships");
  if (data.kind !== "ok") return <Pending title="Sponsored learners" state={data} />;
  const list = data.value.sponsorships;
  return (
    <section>
      <h1>Sponsored learners</h1>
      <p class="muted">
        To sponsor someone, open a course, choose Enroll and name them by email or handle.
      </p>
      {list.length === 0 ? <p>You have not sponsored anyone yet.</p> : null}
      <ul class="list">
        {list.map((x) => {
          const pct = x.moduleCount ? Math.round((100 * x.completedModules) / x.moduleCount) : 0;
          return (
            <li key={x.enrollmentId}>
              <h2 class="h3">
                {x.learner.name} · <a href={`/courses/${x.course.slug}`}>{x.course.title}</a>
              </h2>
              <p>
                {STATUS[x.status]} · {x.completedModules} of {x.moduleCount} modules{" "}
                <progress
                  max={100}
                  value={pct}
                  aria-label={`${x.learner.name}: ${pct}% complete`}
                />
              </p>
              <p class="muted">
                Enrolled {date(x.enrolledAt)}
                {x.completedAt ? ` · completed ${date(x.completedAt)}` : ""}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
