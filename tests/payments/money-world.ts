/**
 * A small world for the payment suites: a creator's course (49.99, 70% commission, 4
 * sessions), an active and a paused Student-Teacher, learners, an employer, an admin, a
 * retired course; the app on Stripe (the fake) or on the local provider; and helpers to
 * sign and deliver webhook events the way Stripe does.
 */
import { eq, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { type Db, type DbKind, queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { stripeClient, webhookSecret } from "../../sync-server/payments/provider";
import { type FakeStripe, startFakeStripe } from "../support/fake-stripe";
import { register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";

export const PRICE = 4999;
export const WEBHOOK_SECRET = "whsec_test_peerloop";

export interface Person {
  id: string;
  token: string;
  handle: string;
}

export interface MoneyWorld {
  t: TestApp;
  db: Db;
  fake: FakeStripe | undefined;
  creator: Person;
  teacher: Person;
  pausedTeacher: Person;
  learners: Person[];
  employer: Person;
  admin: Person;
  course: { id: string; slug: string };
  retired: { id: string; slug: string };
  close(): Promise<void>;
}

let counter = 0;

export async function createMoneyWorld(
  kind: DbKind,
  opts: { stripe: boolean; env?: Record<string, string> },
): Promise<MoneyWorld> {
  const fake = opts.stripe ? await startFakeStripe() : undefined;
  const t = await createTestApp(kind, {
    ...(fake
      ? {
          STRIPE_SECRET_KEY: "sk_test_fake",
          STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
          STRIPE_API_URL: fake.url,
        }
      : {}),
    ...opts.env,
  });
  const db = t.deps.db;
  const tag = `${++counter}${Math.floor(Math.random() * 1e6)}`;
  const person = async (name: string): Promise<Person> => {
    const handle = `${name}_${tag}`;
    const p = await register(t, handle);
    return { ...p, handle };
  };
  const creator = await person("creator");
  const teacher = await person("teacher");
  const pausedTeacher = await person("paused");
  const learners = [];
  for (let i = 0; i < 8; i++) learners.push(await person(`learner${i}`));
  const employer = await person("employer");
  const admin = await person("admin");
  await db
    .update(s.users)
    .set({ role: "creator", isCreator: true })
    .where(eq(s.users.id, creator.id));
  await db
    .update(s.users)
    .set({ role: "employer", isEmployer: true })
    .where(eq(s.users.id, employer.id));
  await db.update(s.users).set({ role: "admin", isAdmin: true }).where(eq(s.users.id, admin.id));

  const categoryId = uuidv7();
  await db.insert(s.categories).values({ id: categoryId, name: `Cat ${tag}`, slug: `cat-${tag}` });
  const makeCourse = async (slug: string, retired: boolean) => {
    const id = uuidv7();
    await db.insert(s.courses).values({
      id,
      creatorId: creator.id,
      title: `Course ${slug}`,
      slug,
      description: "A course.",
      duration: "4 weeks",
      level: "beginner",
      priceCents: PRICE,
      categoryId,
      sessionCount: 4,
      isRetired: retired,
    });
    await db.insert(s.peerloopFeatures).values({ courseId: id, teacherCommission: 70 });
    await db.insert(s.courseCurriculum).values(
      [1, 2, 3].map((n) => ({
        id: uuidv7(),
        courseId: id,
        title: `Module ${n}`,
        description: "m",
        duration: "1h",
        moduleOrder: n,
      })),
    );
    return { id, slug };
  };
  const course = await makeCourse(`money-${tag}`, false);
  const retired = await makeCourse(`retired-${tag}`, true);
  await db.insert(s.studentTeachers).values([
    { id: uuidv7(), userId: teacher.id, courseId: course.id, approvedBy: creator.id },
    {
      id: uuidv7(),
      userId: pausedTeacher.id,
      courseId: course.id,
      approvedBy: creator.id,
      isActive: false,
    },
  ]);
  await db
    .update(s.users)
    .set({ role: "student_teacher", isStudentTeacher: true })
    .where(eq(s.users.id, teacher.id));

  return {
    t,
    db,
    fake,
    creator,
    teacher,
    pausedTeacher,
    learners,
    employer,
    admin,
    course,
    retired,
    async close() {
      await t.close();
      await fake?.close();
    },
  };
}

/** Signs `payload` exactly as Stripe does, with the server's webhook secret. */
export async function sign(w: MoneyWorld, payload: string, timestamp?: number): Promise<string> {
  const secret = await webhookSecret(w.db, w.t.deps.config);
  return stripeClient(w.t.deps.config).webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp !== undefined ? { timestamp } : {}),
  });
}

export function deliver(w: MoneyWorld, payload: string, header: string | undefined) {
  return w.t.call("POST", "/api/payments/webhook", {
    rawBody: payload,
    headers: header === undefined ? {} : { "stripe-signature": header },
  });
}

export async function signAndDeliver(w: MoneyWorld, payload: string) {
  return deliver(w, payload, await sign(w, payload));
}

export async function checkoutRow(w: MoneyWorld, checkoutId: string) {
  const [row] = await w.db
    .select()
    .from(s.checkoutSessions)
    .where(eq(s.checkoutSessions.id, checkoutId));
  if (!row) throw new Error(`no checkout ${checkoutId}`);
  return row;
}

/** A Stripe-shaped checkout.session event for one of our checkouts. */
export async function sessionEvent(
  w: MoneyWorld,
  checkoutId: string,
  type: string,
  overrides: Record<string, unknown> = {},
  eventId = `evt_${uuidv7().replaceAll("-", "")}`,
): Promise<string> {
  const row = await checkoutRow(w, checkoutId);
  const paid = type !== "checkout.session.expired";
  return JSON.stringify({
    id: eventId,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: row.providerSessionId,
        object: "checkout.session",
        client_reference_id: row.id,
        amount_total: row.amountCents,
        currency: row.currency.toLowerCase(),
        payment_status: paid ? "paid" : "unpaid",
        status: paid ? "complete" : "expired",
        payment_intent: paid ? `pi_${row.id.replaceAll("-", "")}` : null,
        metadata: {},
        ...overrides,
      },
    },
  });
}

export async function startCheckout(
  w: MoneyWorld,
  who: Person,
  body: Record<string, unknown> = {},
) {
  return w.t.call("POST", "/api/checkout", {
    token: who.token,
    body: { courseSlug: w.course.slug, teacherId: w.teacher.id, ...body },
  });
}

/** Checks out and pays (signed completed event): returns the checkout and enrollment ids. */
export async function buy(w: MoneyWorld, who: Person, body: Record<string, unknown> = {}) {
  const res = await startCheckout(w, who, body);
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${JSON.stringify(res.body)}`);
  const checkoutId = res.body.checkout.id as string;
  const paid = await signAndDeliver(
    w,
    await sessionEvent(w, checkoutId, "checkout.session.completed"),
  );
  if (paid.status !== 200 || paid.body.outcome !== "enrolled") {
    throw new Error(`webhook: ${paid.status} ${JSON.stringify(paid.body)}`);
  }
  const row = await checkoutRow(w, checkoutId);
  return {
    checkoutId,
    enrollmentId: row.enrollmentId as string,
    paymentId: `pi_${checkoutId.replaceAll("-", "")}`,
  };
}

/** Row counts of everything a payment creates. */
export async function moneyCounts(db: Db) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*) from enrollments)::int as enrollments,
               (select count(*) from transactions)::int as transactions,
               (select count(*) from payment_splits)::int as splits,
               (select count(*) from instructor_followers)::int as followers,
               (select count(*) from employer_sponsorships)::int as sponsorships,
               (select count(*) from notifications)::int as notifications,
               (select count(*) from split_releases)::int as releases,
               (select count(*) from stripe_events)::int as events`,
  );
  return row;
}
