/** Value lists the admin API validates filters against (mirrors of the database enums). */
export {
  CONTENT_FLAG_STATUSES as CONTENT_FLAG_STATUSES_ADMIN,
  COURSE_BADGES,
  TRANSACTION_STATUSES as TRANSACTION_STATUSES_ADMIN,
} from "../../shared/domain/enums";
export const EMAIL_STATUSES_ADMIN = ["pending", "sent", "failed", "logged"] as const;
