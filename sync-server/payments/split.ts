/**
 * The split of one payment (README "Money"). Pure: cents in, cents out.
 * - platform: 15% plus every rounding remainder;
 * - teaching share: the course's teacher_commission (70 by default), capped at 85% so the
 *   platform's 15% always stands;
 * - creator: the rest.
 * Each of the teaching and creator shares is floor(amount × percent / 100); the platform
 * takes amount − both, so the three always add up to the amount and only the platform's
 * share absorbs rounding (never more than 2 cents over its 15%).
 */
export const PLATFORM_PERCENT = 15;
export const DEFAULT_TEACHER_COMMISSION = 70;

export interface SplitShares {
  platform: { cents: number; percent: number };
  teacher: { cents: number; percent: number };
  creator: { cents: number; percent: number };
}

export function computeSplit(amountCents: number, teacherCommission: number): SplitShares {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
    throw new RangeError(`amount must be whole non-negative cents, got ${amountCents}`);
  }
  if (!Number.isInteger(teacherCommission) || teacherCommission < 0 || teacherCommission > 100) {
    throw new RangeError(`teacher commission must be 0..100, got ${teacherCommission}`);
  }
  const teacherPercent = Math.min(teacherCommission, 100 - PLATFORM_PERCENT);
  const creatorPercent = 100 - PLATFORM_PERCENT - teacherPercent;
  const teacher = Math.floor((amountCents * teacherPercent) / 100);
  const creator = Math.floor((amountCents * creatorPercent) / 100);
  return {
    platform: { cents: amountCents - teacher - creator, percent: PLATFORM_PERCENT },
    teacher: { cents: teacher, percent: teacherPercent },
    creator: { cents: creator, percent: creatorPercent },
  };
}

/**
 * What one completed session releases of a teaching share: floor(share / sessions), the
 * last session taking what is left so the releases add up to the share exactly.
 */
export function sessionRelease(
  shareCents: number,
  sessionCount: number,
  alreadyReleasedCents: number,
  sessionsAlreadyReleased: number,
): number {
  const count = Math.max(1, sessionCount);
  const left = shareCents - alreadyReleasedCents;
  if (left <= 0) return 0;
  if (sessionsAlreadyReleased + 1 >= count) return left;
  return Math.min(left, Math.floor(shareCents / count));
}
