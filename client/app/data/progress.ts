/**
 * Marking a module complete, offline or not: one progress document per enrollment and
 * module, with the id both devices would compute (progressId), so two devices meet as one
 * document and the collection's merge rule decides (completion only moves forward unless
 * the learner explicitly un-checks, which `uncheckedAt` records).
 */
import { progressId } from "../../../shared/ids/derived-id";
import type { Local } from "./local";

export async function setModuleComplete(
  local: Local,
  enrollmentId: string,
  moduleId: string,
  complete: boolean,
): Promise<void> {
  const id = progressId(enrollmentId, moduleId);
  const now = new Date().toISOString();
  const existing = await local.db.progress.findOne(id).exec();
  await local.db.progress.upsert({
    id,
    enrollmentId,
    moduleId,
    isComplete: complete,
    completedAt: complete ? now : (existing?.completedAt ?? null),
    uncheckedAt: complete ? (existing?.uncheckedAt ?? null) : now,
    updatedAt: now,
  });
}
