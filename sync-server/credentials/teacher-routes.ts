/** Student-Teacher certification over HTTP: apply, recommend, decide, pause, reassign. */
import type { Context } from "hono";
import { z } from "zod";
import {
  applyToTeachBody,
  declineApplicationBody,
  reassignTeacherBody,
  recommendApplicationBody,
  teacherApplicationLists,
  teacherApplicationSchema,
  teachingActiveBody,
} from "../../shared/api/credentials";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import type { AppEnv } from "../http/context";
import { applicationLists } from "./application-lists";
import {
  applyToTeach,
  approveApplication,
  declineApplication,
  recommendApplicant,
  withdrawApplication,
} from "./applications";
import { idParam } from "./id-param";
import { reassignTeacher, setTeachingActive } from "./teachers";

const TAG = "Student-Teachers";

type Row = { id: string; status: string; [k: string]: unknown };
const statusOnly = (row: Row) => ({ id: row.id, status: row.status });
const decided = z.object({ id: z.uuid(), status: teacherApplicationSchema.shape.status });

export function registerTeacherRoutes(api: ApiRouter) {
  api.route(
    {
      method: "post",
      path: "/api/teacher-applications",
      tag: TAG,
      summary: "Apply to teach a course one completed",
      auth: "user",
      body: applyToTeachBody,
      responses: { 201: { description: "Pending", schema: decided } },
    },
    async (c, { body }) => {
      const row = await applyToTeach(c.get("deps").db, { ...body, userId: requireUser(c).id });
      return c.json(statusOnly(row), 201);
    },
  );

  api.route(
    {
      method: "get",
      path: "/api/teacher-applications",
      tag: TAG,
      summary: "One's own applications, those to recommend, and those to decide",
      auth: "user",
      responses: { 200: { description: "Applications", schema: teacherApplicationLists } },
    },
    async (c) => c.json(await applicationLists(c.get("deps").db, requireUser(c).id)),
  );

  const action = (
    verb: "recommend" | "approve" | "decline" | "withdraw",
    summary: string,
    body: z.ZodType | undefined,
    run: (c: Context<AppEnv>, id: string, actorId: string, body: never) => Promise<Row>,
  ) =>
    api.route(
      {
        method: "post",
        path: `/api/teacher-applications/:id/${verb}`,
        tag: TAG,
        summary,
        auth: "user",
        ...(body ? { body } : {}),
        responses: { 200: { description: "The application's new state", schema: decided } },
      },
      async (c, input) => {
        const actorId = requireUser(c).id;
        const row = await run(c, idParam(c), actorId, input.body as never);
        return c.json(statusOnly(row));
      },
    );

  action(
    "recommend",
    "The applicant's own Student-Teacher recommends them",
    recommendApplicationBody,
    (c, applicationId, actorId, body: z.infer<typeof recommendApplicationBody>) =>
      recommendApplicant(c.get("deps").db, { applicationId, actorId, note: body.note }),
  );
  action(
    "approve",
    "The course's creator approves: certification, teaching certificate, notification",
    undefined,
    async (c, applicationId, actorId) =>
      (
        await approveApplication(c.get("deps").db, {
          applicationId,
          actorId,
          config: c.get("deps").config,
        })
      ).application,
  );
  action(
    "decline",
    "The course's creator declines, with a reason the applicant sees",
    declineApplicationBody,
    (c, applicationId, actorId, body: z.infer<typeof declineApplicationBody>) =>
      declineApplication(c.get("deps").db, { applicationId, actorId, reason: body.reason }),
  );
  action(
    "withdraw",
    "The applicant withdraws a pending application",
    undefined,
    (c, applicationId, actorId) =>
      withdrawApplication(c.get("deps").db, { applicationId, actorId }),
  );

  api.route(
    {
      method: "put",
      path: "/api/teaching/:courseId/active",
      tag: TAG,
      summary: "A Student-Teacher pauses or resumes taking new students on a course",
      auth: "user",
      body: teachingActiveBody,
      responses: {
        200: {
          description: "The certification's state",
          schema: z.object({ courseId: z.uuid(), isActive: z.boolean() }),
        },
      },
    },
    async (c, { body }) => {
      const row = await setTeachingActive(c.get("deps").db, {
        userId: requireUser(c).id,
        courseId: idParam(c, "courseId"),
        isActive: body.isActive,
      });
      return c.json({ courseId: row.courseId, isActive: row.isActive });
    },
  );

  api.route(
    {
      method: "put",
      path: "/api/enrollments/:id/teacher",
      tag: TAG,
      summary:
        "The course's creator reassigns a learner to another active teacher or to themselves",
      auth: "user",
      body: reassignTeacherBody,
      responses: {
        200: {
          description: "The enrollment's teacher (null: the creator)",
          schema: z.object({ enrollmentId: z.uuid(), studentTeacherId: z.uuid().nullable() }),
        },
      },
    },
    async (c, { body }) => {
      const row = await reassignTeacher(c.get("deps").db, {
        enrollmentId: idParam(c),
        actorId: requireUser(c).id,
        teacherId: body.teacherId,
      });
      return c.json({ enrollmentId: row.id, studentTeacherId: row.studentTeacherId });
    },
  );
}
