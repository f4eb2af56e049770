/** The server side of every collection in shared/sync/registry.ts, by name. */
import type { CollectionName } from "../../../shared/sync/registry";
import { coursesCollection, modulesCollection } from "./courses";
import { enrollmentsCollection, progressCollection } from "./learning";
import { conversationsCollection, messagesCollection, notificationsCollection } from "./messaging";
import { profilesCollection } from "./profiles";
import { sessionRequestsCollection } from "./session-requests";
import { availabilityCollection, sessionsCollection } from "./teaching";
import type { ServerCollection } from "./types";

export const serverCollections: Record<CollectionName, ServerCollection> = {
  courses: coursesCollection,
  modules: modulesCollection,
  enrollments: enrollmentsCollection,
  progress: progressCollection,
  conversations: conversationsCollection,
  messages: messagesCollection,
  notifications: notificationsCollection,
  sessions: sessionsCollection,
  availability: availabilityCollection,
  profiles: profilesCollection,
  sessionRequests: sessionRequestsCollection,
};
