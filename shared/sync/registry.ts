/**
 * Every synced collection, in one list. RxDB's free tier opens at most 13 collections per
 * browser tab (COL23): 10 are used here, 2 are reserved for the community feed and goodwill
 * points, 1 is headroom.
 */
import type { CollectionDecl } from "./collection";
import { courses, modules } from "./collections/courses";
import { enrollments, progress } from "./collections/learning";
import { conversations, messages, notifications } from "./collections/messaging";
import { profiles } from "./collections/profiles";
import { availability, sessions } from "./collections/teaching";

export const MAX_SYNCED_COLLECTIONS = 10;

export const collections = {
  courses,
  modules,
  enrollments,
  progress,
  conversations,
  messages,
  notifications,
  sessions,
  availability,
  profiles,
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

export function getCollection(name: string): CollectionDecl | undefined {
  return Object.hasOwn(collections, name)
    ? (collections[name as CollectionName] as CollectionDecl)
    : undefined;
}
