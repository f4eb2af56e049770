/**
 * The demo world's credentials: signed certificates of each type (through the real
 * certificate service, so they verify), the Student-Teachers' teaching certificates, and a
 * pending Student-Teacher application (Sarah, who finished Intro to Claude Code, applying to
 * teach it, recommended by her teacher Marcus). Runs inside the seed's transaction; does
 * nothing when the demo certificates are already there.
 */
import { and, eq, inArray } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import { issueCertificate } from "../credentials/issue";
import type { Db } from "../db/database";
import * as s from "../db/schema";

const DAY_MS = 86_400_000;

/** Completion (and one mastery) certificates: learner, course, days ago, recommender. */
const AWARDS: {
  user: string;
  course: string;
  type: "completion" | "mastery";
  daysAgo: number;
  recommendedBy?: string;
}[] = [
  { user: "marcus", course: "intro-to-claude-code", type: "completion", daysAgo: 190 },
  { user: "marcus", course: "prompt-engineering-foundations", type: "completion", daysAgo: 130 },
  { user: "aisha", course: "data-science-with-python", type: "completion", daysAgo: 210 },
  {
    user: "aisha",
    course: "intro-to-claude-code",
    type: "completion",
    daysAgo: 135,
    recommendedBy: "marcus",
  },
  {
    user: "aisha",
    course: "intro-to-claude-code",
    type: "mastery",
    daysAgo: 133,
    recommendedBy: "marcus",
  },
  { user: "tomas", course: "backend-apis-with-node", type: "completion", daysAgo: 200 },
  { user: "tomas", course: "devops-ci-cd-pipelines", type: "completion", daysAgo: 130 },
  { user: "mei", course: "practical-machine-learning", type: "completion", daysAgo: 180 },
  {
    user: "sarah",
    course: "intro-to-claude-code",
    type: "completion",
    daysAgo: 40,
    recommendedBy: "marcus",
  },
  {
    user: "ravi",
    course: "data-science-with-python",
    type: "completion",
    daysAgo: 100,
    recommendedBy: "aisha",
  },
  {
    user: "chloe",
    course: "prompt-engineering-foundations",
    type: "completion",
    daysAgo: 60,
    recommendedBy: "marcus",
  },
];

export async function seedDemoCredentials(tx: Db, config: Config): Promise<void> {
  const people = await tx.select({ id: s.users.id, handle: s.users.handle }).from(s.users);
  const courses = await tx
    .select({ id: s.courses.id, slug: s.courses.slug, creatorId: s.courses.creatorId })
    .from(s.courses);
  const uid = (handle: string) => need(people.find((p) => p.handle === handle)?.id, handle);
  const course = (slug: string) =>
    need(
      courses.find((c) => c.slug === slug),
      slug,
    );
  const already = await tx
    .select({ id: s.certificates.id })
    .from(s.certificates)
    .where(inArray(s.certificates.userId, [uid("marcus"), uid("sarah")]))
    .limit(1);
  if (already.length) return;
  const now = Date.now();

  for (const a of AWARDS) {
    const c = course(a.course);
    if (a.recommendedBy) {
      await tx.insert(s.certificateRecommendations).values({
        id: uuidv7(),
        userId: uid(a.user),
        courseId: c.id,
        type: a.type,
        recommendedBy: uid(a.recommendedBy),
        note: "Finished strong and helped others in our sessions.",
        createdAt: new Date(now - (a.daysAgo + 2) * DAY_MS),
      });
    }
    await issueCertificate(tx, {
      config,
      userId: uid(a.user),
      courseId: c.id,
      type: a.type,
      issuedBy: c.creatorId,
      issuedAt: new Date(now - a.daysAgo * DAY_MS),
      notify: false,
    });
  }

  // Every certified Student-Teacher holds the teaching certificate of their certification.
  const certified = await tx.select().from(s.studentTeachers);
  for (const st of certified) {
    await issueCertificate(tx, {
      config,
      userId: st.userId,
      courseId: st.courseId,
      type: "teaching",
      issuedBy: st.approvedBy,
      issuedAt: new Date(`${st.certifiedDate}T12:00:00Z`),
      notify: false,
    });
  }

  const intro = course("intro-to-claude-code");
  const pending = await tx
    .select({ id: s.teacherApplications.id })
    .from(s.teacherApplications)
    .where(
      and(
        eq(s.teacherApplications.userId, uid("sarah")),
        eq(s.teacherApplications.courseId, intro.id),
      ),
    );
  if (!pending.length) {
    await tx.insert(s.teacherApplications).values({
      id: uuidv7(),
      userId: uid("sarah"),
      courseId: intro.id,
      message:
        "I loved this course and still remember what confused me at first. I'd like to help new learners through it.",
      recommendedBy: uid("marcus"),
      recommendationNote: "Sarah explains things patiently and has shadowed two of my sessions.",
      recommendedAt: new Date(now - 3 * DAY_MS),
      createdAt: new Date(now - 5 * DAY_MS),
    });
  }
}

function need<T>(v: T | undefined, name: string): T {
  if (v === undefined) throw new Error(`demo credentials refer to unknown ${name}`);
  return v;
}
