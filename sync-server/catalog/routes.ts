/** Public catalog routes: categories, course search, and a course page's full content. */
import { z } from "zod";
import {
  catalogPage,
  catalogQuery,
  categorySchema,
  courseDetailSchema,
} from "../../shared/api/catalog";
import type { ApiRouter } from "../http/api-router";
import { ApiError } from "../http/errors";
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
}
