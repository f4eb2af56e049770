/** One module: everything to study it, and "Mark complete" (works offline). */

import { progressId } from "../../../shared/ids/derived-id";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import type { Local } from "../data/local";
import { setModuleComplete, useCourseModules } from "../data/progress";

export function ModuleView(props: { enrollmentId: string; moduleId: string }) {
  return <SignedIn title="Module">{({ local }) => <Body local={local} {...props} />}</SignedIn>;
}

function Body({
  local,
  enrollmentId,
  moduleId,
}: {
  local: Local;
  enrollmentId: string;
  moduleId: string;
}) {
  const m = useLive((l) => l.db.modules.findOne(moduleId).$, [moduleId]);
  const courseId = m?.courseId;
  const siblings = useCourseModules(courseId);
  const p = useLive(
    (l) => l.db.progress.findOne(progressId(enrollmentId, moduleId)).$,
    [enrollmentId, moduleId],
  );
  if (m === undefined) return <Loading title="Module" />;
  if (!m) {
    return (
      <section>
        <h1>Module</h1>
        <p>
          This module is not on this device.{" "}
          <a href={`/learn/${enrollmentId}`}>Back to the course</a>
        </p>
      </section>
    );
  }
  const complete = p?.isComplete === true;
  const i = (siblings ?? []).findIndex((s) => s.id === m.id);
  const prev = i > 0 ? siblings?.[i - 1] : undefined;
  const next = i >= 0 ? siblings?.[i + 1] : undefined;
  return (
    <article class="module">
      <p>
        <a href={`/learn/${enrollmentId}`}>← Back to the course</a>
      </p>
      <h1>{m.title}</h1>
      <p class="meta">
        {m.sessionNumber !== null ? `Session ${m.sessionNumber} · ` : ""}Module {m.moduleOrder} ·{" "}
        {m.duration}
      </p>
      <p class="actions">
        <button
          type="button"
          class={complete ? "" : "primary"}
          aria-pressed={complete}
          onClick={() => void setModuleComplete(local, enrollmentId, m.id, !complete)}
        >
          {complete ? "✓ Completed" : "Mark complete"}
        </button>
        {complete ? <span class="muted"> Press again to mark it not done.</span> : null}
      </p>
      <p class="prose">{m.description}</p>
      {m.learningObjectives.length ? (
        <section aria-labelledby="objectives">
          <h2 id="objectives">Objectives</h2>
          <ul>
            {m.learningObjectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {m.topicsCovered.length ? (
        <section aria-labelledby="topics">
          <h2 id="topics">Topics</h2>
          <ul>
            {m.topicsCovered.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {m.handsOnExercise ? (
        <section aria-labelledby="exercise">
          <h2 id="exercise">Hands-on exercise</h2>
          <p class="prose">{m.handsOnExercise}</p>
        </section>
      ) : null}
      {m.videoUrl || m.documentUrl ? (
        <section aria-labelledby="material">
          <h2 id="material">Material</h2>
          <ul>
            {m.videoUrl ? (
              <li>
                <a href={m.videoUrl} rel="noopener noreferrer" target="_blank">
                  Watch the video
                  <span class="visually-hidden"> (opens in a new tab, needs a connection)</span>
                </a>
              </li>
            ) : null}
            {m.documentUrl ? (
              <li>
                <a href={m.documentUrl} rel="noopener noreferrer" target="_blank">
                  Open the document
                  <span class="visually-hidden"> (opens in a new tab, needs a connection)</span>
                </a>
              </li>
            ) : null}
          </ul>
          <p class="muted">
            {[
              m.videoCount ? `${m.videoCount} video(s)` : "",
              m.readingCount ? `${m.readingCount} reading(s)` : "",
              m.hasAssessment ? "with an assessment" : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </section>
      ) : null}
      <nav aria-label="Modules" class="pager">
        {prev ? <a href={`/learn/${enrollmentId}/${prev.id}`}>← {prev.title}</a> : <span />}
        {next ? <a href={`/learn/${enrollmentId}/${next.id}`}>{next.title} →</a> : null}
      </nav>
    </article>
  );
}
