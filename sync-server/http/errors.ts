/**
 * Every error leaves the server as `{"error":{"code","message"}}`. Codes are a closed set so
 * clients can switch on them; messages are for people. Messages never reveal whether a
 * record the caller may not see exists.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { SYNC_ERROR_CODES } from "../../shared/sync/protocol";

export const ERROR_CODES = [
  "invalid_json",
  "unsupported_media_type",
  "validation_failed",
  "payload_too_large",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "email_taken",
  "handle_taken",
  "weak_password",
  "invalid_credentials",
  "account_disabled",
  "too_many_attempts",
  "invalid_token",
  "token_expired",
  "token_used",
  "internal",
  // credentials (certificates, Student-Teacher applications)
  "course_not_completed",
  "certificate_not_offered",
  "completion_required",
  "recommendation_required",
  "not_certified_teacher",
  "certificate_exists",
  "already_revoked",
  "already_recommended",
  "already_teacher",
  "application_pending",
  "application_not_pending",
  "teacher_not_available",
  "course_retired",
  // admin dashboard
  "csrf_failed",
  "self_action",
  "flag_already_reviewed",
  "invalid_cursor",
  "currency_required",
  // payments
  "invalid_signature",
  "already_enrolled",
  "course_unavailable",
  "teacher_not_eligible",
  "checkout_closed",
  "refund_window_closed",
  "not_refundable",
  "nothing_to_pay",
  "no_connected_account",
  "payment_provider_error",
  "invalid_event",
  // scheduling
  "request_declined",
  "session_not_completable",
  "video_unavailable",
  ...SYNC_ERROR_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
