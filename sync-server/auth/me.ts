/** The signed-in user as the API shows it to themselves (never the password hash). */
import type { Me } from "../../shared/api/auth";
import type { SessionUser } from "./sessions";

export function toMe(u: SessionUser): Me {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    handle: u.handle,
    role: u.role,
    isCreator: u.isCreator,
    isStudentTeacher: u.isStudentTeacher,
    isAdmin: u.isAdmin,
    isModerator: u.isModerator,
    isEmployer: u.isEmployer,
    emailVerified: u.emailVerified,
    privacyPublic: u.privacyPublic,
    title: u.title,
    avatarUrl: u.avatarUrl,
    bioShort: u.bioShort,
    timezone: u.timezone,
    createdAt: u.createdAt.toISOString(),
  };
}
