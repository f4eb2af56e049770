/**
 * A course page. Online it reads the catalog API; enrolled or offline it reads the synced
 * documents, so a learner's own courses open on a plane.
 */
import { useEffect, useState } from "preact/hooks";
import type { CourseDetail } from "../../../shared/api/catalog";
import type { PeerloopDoc } from "../../sync/index";
import { CourseActions } from "../components/course-actions";
import { CourseBody } from "../components/course-body";
import { type CourseView, fromApi, fromLocal } from "../data/course-view";
import { useLive, useSession } from "../data/hooks";
import { useCourseModules } from "../data/progress";
import { api, describeError, OfflineError } from "../lib/api";

type Remote =
  | { kind: "loading" }
  | { kind: "ok"; course: CourseView }
  | { kind: "offline" }
  | { kind: "failed"; message: string; notFound: boolean };

export function CoursePage({ slug }: { slug: string }) {
  const s = useSession();
  const [remote, setRemote] = useState<Remote>({ kind: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    setRemote({ kind: "loading" });
    api<{ course: CourseDetail }>(`/api/courses/${encodeURIComponent(slug)}`, {
      signal: abort.signal,
    }).then(
      (r) => setRemote({ kind: "ok", course: fromApi(r.course) }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        if (err instanceof OfflineError) setRemote({ kind: "offline" });
        else
          setRemote({
            kind: "failed",
            message: describeError(err),
            notFound: (err as { status?: number }).status === 404,
          });
      },
    );
    return () => abort.abort();
  }, [slug]);

  const course = useLive((l) => l.db.courses.findOne({ selector: { slug } }).$, [slug]);
  const courseId = course?.id;
  const creatorId = course?.creatorId;
  const modules = useCourseModules(courseId);
  const creator = useLive(
    (l) => (creatorId ? l.db.profiles.findOne(creatorId).$ : null),
    [creatorId],
  );
  const enrollment = useLive(
    (l) =>
      courseId && s
        ? l.db.enrollments.findOne({ selector: { courseId, studentId: s.user.id } }).$
        : null,
    [courseId, s?.user.id],
  );

  let view: CourseView | null = remote.kind === "ok" ? remote.course : null;
  if (course && (!view || (modules && modules.length > 0))) {
    const local = fromLocal(
      course.toJSON() as PeerloopDoc<"courses">,
      (modules ?? []).map((m) => m.toJSON() as PeerloopDoc<"modules">),
      creator ? (creator.toJSON() as PeerloopDoc<"profiles">) : null,
    );
    // The synced modules have what the outline lacks (links); the API has the category.
    view = view
      ? { ...view, curriculum: local.curriculum.length ? local.curriculum : view.curriculum }
      : local;
  }

  if (!view) {
    return (
      <section class="narrow">
        <h1>{remote.kind === "failed" && remote.notFound ? "Course not found" : "Course"}</h1>
        {remote.kind === "loading" ? <p role="status">Loading the course…</p> : null}
        {remote.kind === "offline" ? (
          <p class="notice" role="status">
            You are offline, and this course is not on this device. It will open when you are back
            online. <a href="/courses">See saved courses</a>
          </p>
        ) : null}
        {remote.kind === "failed" ? (
          <p class="error" role="alert">
            {remote.message}
          </p>
        ) : null}
      </section>
    );
  }
  const active = enrollment && enrollment.status !== "cancelled" ? enrollment : null;
  return (
    <article class="course">
      {remote.kind === "offline" ? (
        <p class="notice" role="status">
          You are offline: this is the copy saved on this device.
        </p>
      ) : null}
      <CourseBody
        course={view}
        actions={<CourseActions course={view} enrollmentId={active?.id ?? null} />}
      />
    </article>
  );
}
