/**
 * The payout queue, paged and searchable: what each recipient has released and not been
 * paid, per currency, largest first. The order is (amount, currency, recipient) descending and
 * the cursor carries those three, so paging stays exact while the amounts are aggregates.
 * Same rows as payments' listPayoutQueue: both read the per-recipient running totals of
 * unpaid releases (admin_unpaid_recipients), so a page costs the same however large the
 * ledger grows.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import type { PayoutQueueRow } from "../../payments/payouts";
import {
  cursorId,
  invalidCursor,
  type ListQuery,
  likePrefix,
  PAGE_SIZE,
  type Page,
  userIdsMatching,
} from "./paging";
import { foldRollups } from "./rollups";

interface QueueCursor {
  cents: number;
  currency: string;
  recipientId: string;
}

function encodeQueueCursor(r: PayoutQueueRow): string {
  return `${r.releasedUnpaidCents}_${r.currency}_${r.recipientId}`;
}

/** Undefined for no cursor (the first page); a malformed one is `400 invalid_cursor`. */
function decodeQueueCursor(raw: string | undefined): QueueCursor | undefined {
  if (!raw) return undefined;
  const parts = raw.split("_");
  const [cents, currency, recipientId] = parts;
  // Cents are a sum of integer amounts: at most 15 digits stays exact in a JS number.
  if (parts.length !== 3 || !/^\d{1,15}$/.test(cents ?? "") || !/^[A-Z]{3}$/.test(currency ?? "")) {
    throw invalidCursor();
  }
  return { cents: Number(cents), currency: currency ?? "", recipientId: cursorId(recipientId) };
}

export async function listPayoutQueuePage(db: Db, query: ListQuery): Promise<Page<PayoutQueueRow>> {
  const limit = query.limit ?? PAGE_SIZE;
  const term = likePrefix(query.q);
  const cursor = decodeQueueCursor(query.cursor);
  await foldRollups(db);
  const rows = await queryRows<{
    recipient_id: string;
    name: string;
    email: string;
    cents: number;
    currency: string;
    splits: number;
    has_account: boolean;
  }>(
    db,
    sql`select q.recipient_id, u.name, u.email, q.currency, q.cents::int as cents, q.splits,
               exists (select 1 from payment_accounts a where a.user_id = q.recipient_id) as has_account
        from admin_unpaid_recipients q
        join users u on u.id = q.recipient_id
        where q.cents > 0
          ${term ? sql`and q.recipient_id in (${userIdsMatching(term)})` : sql``}
          ${
            cursor
              ? sql`and (q.cents, q.currency, q.recipient_id)
                     < (${cursor.cents}::bigint, ${cursor.currency}::text, ${cursor.recipientId}::uuid)`
              : sql``
          }
        order by q.cents desc, q.currency desc, q.recipient_id desc
        limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map((r) => ({
    recipientId: r.recipient_id,
    name: r.name,
    email: r.email,
    releasedUnpaidCents: r.cents,
    currency: r.currency,
    splitCount: r.splits,
    hasConnectedAccount: r.has_account,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeQueueCursor(last) : null };
}
