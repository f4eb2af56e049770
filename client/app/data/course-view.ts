/**
 * One shape for the course page, from either source: the catalog API (online, anyone) or
 * the synced `courses`/`modules`/`profiles` documents (enrolled or offline).
 */
import type { CourseDetail } from "../../../shared/api/catalog";
import type { PeerloopDoc } from "../../sync/index";

export interface ModuleOutline {
  id: string;
  moduleOrder: number;
  sessionNumber: number | null;
  title: string;
  description: string;
  duration: string;
  topics: string[];
}

export interface Creator {
  id: string;
  name: string;
  handle: string;
  title: string | null;
  bioShort: string | null;
}

type LocalCourse = PeerloopDoc<"courses">;

export type CourseView = Omit<
  LocalCourse,
  "categoryId" | "creatorId" | "updatedAt" | "isActive" | "isRetired"
> & {
  categoryName: string | null;
  creator: Creator | null;
  curriculum: ModuleOutline[];
  teacherCount: number | null;
};

export function fromApi(d: CourseDetail): CourseView {
  const { category, creatorProfile, curriculum, createdAt: _c, ...rest } = d;
  return {
    ...rest,
    categoryName: category.name,
    creator: { ...creatorProfile },
    teacherCount: d.teacherCount,
    curriculum: curriculum.map(toOutline),
  };
}

export function fromLocal(
  c: LocalCourse,
  modules: PeerloopDoc<"modules">[],
  creator: PeerloopDoc<"profiles"> | null,
): CourseView {
  const { categoryId: _a, creatorId: _b, updatedAt: _u, isActive: _i, isRetired: _r, ...rest } = c;
  return {
    ...rest,
    categoryName: null,
    creator: creator
      ? {
          id: creator.id,
          name: creator.name,
          handle: creator.handle,
          title: creator.title,
          bioShort: creator.bioShort,
        }
      : null,
    teacherCount: null,
    curriculum: modules.map(toOutline),
  };
}

/** What a course page shows of a module (the same from the API and from the device). */
export function toOutline(
  m: Pick<
    PeerloopDoc<"modules">,
    "id" | "moduleOrder" | "sessionNumber" | "title" | "description" | "duration" | "topicsCovered"
  >,
): ModuleOutline {
  return {
    id: m.id,
    moduleOrder: m.moduleOrder,
    sessionNumber: m.sessionNumber,
    title: m.title,
    description: m.description,
    duration: m.duration,
    topics: m.topicsCovered,
  };
}

/** Modules grouped by live session (courses without sessions make one group). */
export function bySession(mods: ModuleOutline[]): [number | null, ModuleOutline[]][] {
  const groups = new Map<number | null, ModuleOutline[]>();
  for (const m of [...mods].sort((a, b) => a.moduleOrder - b.moduleOrder)) {
    const list = groups.get(m.sessionNumber) ?? [];
    list.push(m);
    groups.set(m.sessionNumber, list);
  }
  return [...groups.entries()];
}
