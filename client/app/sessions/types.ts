/** The documents the Sessions screen works with, typed from their shared declarations. */
import type { DocOf } from "../../../shared/sync/collection";
import type { sessionRequests } from "../../../shared/sync/collections/session-requests";
import type { availability, sessions } from "../../../shared/sync/collections/teaching";

export type SessionDoc = DocOf<typeof sessions>;
export type RequestDoc = DocOf<typeof sessionRequests>;
export type SlotDoc = DocOf<typeof availability>;
