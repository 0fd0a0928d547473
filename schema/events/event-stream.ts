import { UserInputError } from '../../api/errors';

/**
 * The order of the event stream, and the one rule every reader of it follows.
 *
 * A position is taken when an event is inserted, but the event becomes readable only when its transaction commits,
 * and transactions commit in any order. A transaction gets its id (xid) at its first write or row lock, so one that
 * locks a row first and writes its event later can hold a lower xid and a higher position than an event already
 * read, or a lower position behind a higher xid. Position order alone therefore lets a reader step past an event
 * for good.
 *
 * Readers instead take only the events whose transaction is older than the oldest transaction still running
 * (`pg_snapshot_xmin`), in (transaction, position) order. Every transaction that can still write an event has an xid
 * at or above that horizon, and every later one gets a higher xid, so nothing can ever appear behind a point a
 * reader has handed out. The dispatcher, the webhook fan-out, `events(after)` and `replay` all read this way.
 */

/** A point in the stream: the events after it are those with a greater (transactionId, position). */
export interface StreamPoint {
  transactionId: string;
  position: string;
}

/** The oldest transaction still running anywhere on the server: events below it are settled. */
export const OLDEST_RUNNING_TRANSACTION_SQL = 'pg_snapshot_xmin(pg_current_snapshot())';

/**
 * Columns of a row of `domain_event` as a dedicated `pg` connection reads them, with the xid and position as text.
 * Their names shadow the table's columns in ORDER BY, so a statement selecting them orders by `domain_event.<column>`.
 */
export const EVENT_COLUMNS_SQL = 'position::text as position, transaction_id::text as transaction_id, id, type, aggregate_type, aggregate_id, aggregate_version, occurred_at, actor_id, opportunity_id, contract_id, order_id, invoice_id, payment_id, commission_statement_id, appraisal_id, target_id, work_report_id, expense_claim_id, payload';

/**
 * The next events after `$1` (xid8) / `$2` (position) in stream order, committed ones only, each saying whether it
 * is settled. Settled events come first (their xids are lower); an unsettled one tells the reader to look again soon.
 */
export function eventsAfterSql(limit: number): string {
  return `select ${EVENT_COLUMNS_SQL}, transaction_id < ${OLDEST_RUNNING_TRANSACTION_SQL} as settled
            from domain_event
           where (domain_event.transaction_id, domain_event.position) > ($1::xid8, $2::bigint)
           -- the table's columns, not the text columns of the same name in the select list
           order by domain_event.transaction_id, domain_event.position
           limit ${limit}`;
}

/** The stream's current horizon: a reader starting here gets every event that settles from now on. */
export const STREAM_HORIZON_SQL = `select ${OLDEST_RUNNING_TRANSACTION_SQL}::text as transaction_id`;

export function horizonPoint(transactionId: string): StreamPoint {
  // Positions start at 1, so (xmin, 0) comes before every event of the oldest running transaction.
  return { transactionId, position: '0' };
}

/** The settled events at the head of a batch read by eventsAfterSql; the rest wait for older transactions to end. */
export function settledPrefix<Row extends { settled: boolean }>(rows: Row[]): Row[] {
  const firstUnsettled = rows.findIndex((row) => !row.settled);
  return firstUnsettled === -1 ? rows : rows.slice(0, firstUnsettled);
}

export function pointOf(row: { transaction_id: string; position: string }): StreamPoint {
  return { transactionId: row.transaction_id, position: row.position };
}

/** What an `events` cursor holds: the event's point in the stream and when it occurred (for the retention check). */
export interface EventCursor extends StreamPoint {
  occurredAt: number;
}

/**
 * A cursor of the earlier format (position and time only): it still works, resuming at the first event after that
 * position in stream order, so events may come again but none is missed.
 */
export interface LegacyEventCursor {
  position: string;
  occurredAt: number;
}

export function encodeEventCursor(event: { transactionId: string; position: string; occurredAt: Date }): string {
  return Buffer.from(`${event.transactionId}:${event.position}:${event.occurredAt.getTime()}`).toString('base64url');
}

/** A cursor handed out by `events`; anything else is BAD_USER_INPUT at `field`. */
export function decodeEventCursor(cursor: string, field = 'after'): EventCursor | LegacyEventCursor {
  const text = Buffer.from(cursor, 'base64url').toString();
  const current = /^(\d{1,20}):(\d{1,19}):(\d{1,15})$/.exec(text);
  if (current !== null && isBigint(current[1], 20) && isBigint(current[2], 19)) {
    return { transactionId: current[1], position: current[2], occurredAt: Number(current[3]) };
  }
  const legacy = /^(\d{1,19}):(\d{1,15})$/.exec(text);
  if (legacy !== null && isBigint(legacy[1], 19)) return { position: legacy[1], occurredAt: Number(legacy[2]) };
  throw UserInputError.field(field, 'is not a cursor returned by events');
}

export function isLegacyCursor(cursor: EventCursor | LegacyEventCursor): cursor is LegacyEventCursor {
  return !('transactionId' in cursor);
}

/** Within the signed 64-bit range (positions) or unsigned (xid8), so the cursor never reaches SQL as an overflow. */
function isBigint(digits: string, maxDigits: number): boolean {
  const limit = maxDigits === 20 ? 18446744073709551615n : 9223372036854775807n;
  return BigInt(digits) <= limit;
}

/**
 * The stream point before every event after a legacy cursor's position (SQL for MikroORM, `?` is the position): the
 * lowest xid among them, or the horizon if lower, since an event still being written has an xid at or above it.
 */
export const LEGACY_CURSOR_POINT_SQL = `select least(min(transaction_id), ${OLDEST_RUNNING_TRANSACTION_SQL})::text as transaction_id
                                          from domain_event where position > ?::bigint`;
