/**
 * The platform's own user account: the recipient of the platform's share of every payment
 * (docs/data-model.md). It cannot sign in (no usable password, disabled) and is created on
 * first need, so a fresh database and the demo world both have exactly one.
 */
import { sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { users } from "../db/schema";

export const PLATFORM_EMAIL = "platform@peerloop.internal";
export const PLATFORM_HANDLE = "peerloop_platform";

export async function platformAccountId(db: Db): Promise<string> {
  const find = async () => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${PLATFORM_EMAIL}`)
      .limit(1);
    return row?.id;
  };
  const existing = await find();
  if (existing) return existing;
  await db
    .insert(users)
    .values({
      id: uuidv7(),
      email: PLATFORM_EMAIL,
      // Not a scrypt hash: no password can ever match it.
      passwordHash: "!platform-account",
      name: "PeerLoop",
      handle: PLATFORM_HANDLE,
      role: "student",
      privacyPublic: false,
      emailVerified: true,
      disabledAt: new Date(),
    })
    .onConflictDoNothing();
  const created = await find();
  if (!created) throw new Error("the platform account could not be created");
  return created;
}
