import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../sync-server/db/database";
import { emailOutbox } from "../../sync-server/db/schema";

/** The token in the newest email of `kind` sent to `to`, as a person would click it. */
export async function tokenFromLastEmail(db: Db, to: string, kind: string): Promise<string> {
  const [mail] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.kind, kind)))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  const token = mail?.bodyText.match(/token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no ${kind} email with a token for ${to}`);
  return token;
}

export async function emailsTo(db: Db, to: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
}
