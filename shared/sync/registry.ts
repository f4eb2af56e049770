/**
 * Every synced collection, in one list. RxDB's free tier opens at most 13 collections per
 * browser tab (COL23): 11 are used here (sessionRequests took the headroom), 2 are reserved
 * for the community feed and goodwill points.
 */
import type { CollectionDecl } from "./collection";
import { courses, modules } from "./collections/courses";
import { enrollments, progress } from "./collections/learning";
import { conversations, messages, notifications } from "./collections/messaging";
import { profiles } from "./collections/profiles";
import { sessionRequests } from "./collections/session-requests";
import { availability, sessions } from "./collections/teaching";

export const MAX_SYNCED_COLLECTIONS = 11;

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
  sessionRequests,
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

export function getCollection(name: string): CollectionDecl | undefined {
  return Object.hasOwn(collections, name)
    ? (collections[name as CollectionName] as CollectionDecl)
    : undefined;
}
