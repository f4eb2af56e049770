/** Public catalog routes: categories, course search, and a course page's full content. */
import { z } from "zod";
import {
  catalogPage,
  catalogQuery,
  categorySchema,
  courseDetailSchema,
} from "../../shared/api/catalog";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import { ApiError } from "../http/errors";
import { follow, isFollowing, unfollow } from "./follows";
import { getCourseBySlug, listCategories, listCourses } from "./queries";

const TAG = "Catalog";

export function registerCatalogRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/api/categories",
      tag: TAG,
      summary: "Course categories in display order",
      auth: "none",
      responses: {
        200: {
          description: "Categories",
          schema: z.object({ categories: z.array(categorySchema) }),
        },
      },
    },
    async (c) => c.json({ categories: await listCategories(c.get("deps").db) }),
  );

  api.route(
    {
      method: "get",
      path: "/api/courses",
      tag: TAG,
      summary: "Search and filter published courses",
      auth: "none",
      query: catalogQuery,
      responses: { 200: { description: "A page of course cards", schema: catalogPage } },
    },
    async (c, { query }) => c.json(await listCourses(c.get("deps").db, query)),
  );

  api.route(
    {
      method: "get",
      path: "/api/courses/:slug",
      tag: TAG,
      summary: "A published course with everything its page shows",
      auth: "none",
      responses: {
        200: { description: "The course", schema: z.object({ course: courseDetailSchema }) },
      },
    },
    async (c) => {
      const course = await getCourseBySlug(c.get("deps").db, c.req.param("slug") ?? "");
      if (!course) throw new ApiError(404, "not_found", "No such course.");
      return c.json({ course });
    },
  );

  const followState = z.object({ following: z.boolean() });
  const followRoute = (method: "get" | "put" | "delete", summary: string, act?: typeof follow) =>
    api.route(
      {
        method,
        path: "/api/courses/:slug/follow",
        tag: TAG,
        summary,
        auth: "user",
        responses: {
          200: { description: "Whether the user follows the course", schema: followState },
        },
      },
      async (c) => {
        const user = requireUser(c);
        const { db } = c.get("deps");
        const slug = c.req.param("slug") ?? "";
        return c.json({ following: await (act ?? isFollowing)(db, user.id, slug) });
      },
    );
  followRoute("get", "Does the signed-in user follow this course?");
  followRoute("put", "Follow a course: its page comes to the user's devices (idempotent)", follow);
  followRoute("delete", "Stop following a course (idempotent)", unfollow);
}
