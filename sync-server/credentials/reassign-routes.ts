/** The creator's reads for reassigning learners (the write is PUT /api/enrollments/:id/teacher). */
import { enrollmentTeachersSchema, pausedTeacherLearnersSchema } from "../../shared/api/reassign";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import { idParam } from "./id-param";
import { enrollmentTeachers, pausedTeacherLearners } from "./reassign-queries";

const TAG = "Student-Teachers";

export function registerReassignRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/api/enrollments/:id/teachers",
      tag: TAG,
      summary: "The creator: a learner's current teacher and whom they may be reassigned to",
      auth: "user",
      responses: {
        200: {
          description: "Current teacher and eligible teachers",
          schema: enrollmentTeachersSchema,
        },
      },
    },
    async (c) =>
      c.json(
        await enrollmentTeachers(c.get("deps").db, {
          enrollmentId: idParam(c),
          actorId: requireUser(c).id,
        }),
      ),
  );

  api.route(
    {
      method: "get",
      path: "/api/teaching/paused-teachers",
      tag: TAG,
      summary: "The creator's learners, still studying, whose Student-Teacher has paused",
      auth: "user",
      responses: {
        200: { description: "Learners to reassign", schema: pausedTeacherLearnersSchema },
      },
    },
    async (c) =>
      c.json({ learners: await pausedTeacherLearners(c.get("deps").db, requireUser(c).id) }),
  );
}
