import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { everyHour } from '../../api/every-hour';
import { EMAILED_BY_DEFAULT, NOTIFICATION_KINDS, type NotificationKind } from './notifications.enums';
import { NOTIFICATION_RULES, type NotificationRuleSql } from './notification-rules';

/** A connection that takes PostgreSQL's own `$n` parameters (a `pg` client). */
export interface Queryable {
  query<Row>(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

/** What the rules need besides the clock. */
export interface NotificationRuleSettings {
  /** The company's time zone: its calendar days ($2). */
  timeZone: string;
  /** LEAD_UNWORKED's N. */
  leadUnworkedDays: number;
}

export interface NotificationRunOptions extends NotificationRuleSettings {
  /** The time the rules judge by ($1); the database's clock when not given. */
  now?: Date;
  /** Only the rules of these kinds (the outbox feed runs only what an event can cause). */
  kinds?: readonly NotificationKind[];
  /** The rules to run; the registry by default. */
  rules?: readonly NotificationRuleSql[];
}

/** One notification a run inserted. */
export interface InsertedNotification {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  inApp: boolean;
  mailed: boolean;
}

const KNOWN_KINDS = new Set<string>(NOTIFICATION_KINDS);

/**
 * One rule as one statement: the rule's rows, to active users only, each recipient's channel choice applied
 * (defaults when none was made), inserted with `on conflict do nothing` on (recipient, kind, cause), and the e-mail
 * queued in the same statement for the rows just inserted. A cause already notified, by this run, an earlier one or a
 * run in another process at the same moment, inserts nothing: PostgreSQL's unique index decides, not this code.
 */
function ruleStatement(rule: NotificationRuleSql): string {
  return `with settings as (select $1::timestamptz as now, $2::text as time_zone, $3::jsonb as settings),
  due as (${rule.sql}),
  inserted as (
    insert into notification (id, recipient_id, kind, cause, subject_type, subject_id, due_at, params, in_app)
    select distinct on (due.recipient_id, due.cause)
           gen_random_uuid(), due.recipient_id, $4::notification_kind, due.cause, due.subject_type, due.subject_id, due.due_at,
           coalesce(due.params, '{}'::jsonb), coalesce(p.in_app, true)
      from due
      join app_user u on u.id = due.recipient_id and u.status = 'ACTIVE'
      left join notification_preference p on p.user_id = due.recipient_id and p.kind = $4::notification_kind
    on conflict (recipient_id, kind, cause) do nothing
    returning id, recipient_id, in_app
  ),
  mailed as (
    insert into notification_mail (id, notification_id)
    select gen_random_uuid(), i.id
      from inserted i
      left join notification_preference p on p.user_id = i.recipient_id and p.kind = $4::notification_kind
     where coalesce(p.email, $5::boolean)
    returning notification_id
  )
  select i.id, i.recipient_id as "recipientId", i.in_app as "inApp", m.notification_id is not null as mailed
    from inserted i left join mailed m on m.notification_id = i.id`;
}

/**
 * Runs the rules (all, or those of `kinds`), each in its own statement and so its own transaction: one failing rule
 * is logged by the caller and the others still run. Returns the notifications inserted, which the insert trigger
 * also announces to every API process (`salesgraph_notifications`) for their subscribers.
 */
export async function runNotificationRules(db: Queryable, options: NotificationRunOptions): Promise<InsertedNotification[]> {
  const rules = (options.rules ?? NOTIFICATION_RULES).filter((rule) => options.kinds === undefined || options.kinds.includes(rule.kind as NotificationKind));
  const now = options.now ?? (await db.query<{ now: Date }>('select now() as now')).rows[0].now;
  const settings = JSON.stringify({ leadUnworkedDays: options.leadUnworkedDays });
  const inserted: InsertedNotification[] = [];
  const failures: Error[] = [];
  for (const rule of rules) {
    if (!KNOWN_KINDS.has(rule.kind)) throw new Error(`a notification rule has the unknown kind ${rule.kind}`);
    const kind = rule.kind as NotificationKind;
    try {
      const { rows } = await db.query<Omit<InsertedNotification, 'kind'>>(ruleStatement(rule), [now, options.timeZone, settings, kind, EMAILED_BY_DEFAULT.includes(kind)]);
      inserted.push(...rows.map((row) => ({ ...row, kind })));
    } catch (error) {
      failures.push(new Error(`the ${kind} rule failed: ${(error as Error).message}`, { cause: error }));
    }
  }
  // The other rules ran and committed; the failures are reported together.
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, failures.map((failure) => failure.message).join('; '));
  return inserted;
}

/**
 * `work` with a `pg` client of the ORM's pool, for statements written with `$n` parameters (rules are plain SQL,
 * written once for every caller).
 */
export async function withPgClient<Result>(orm: Pick<MikroORM, 'em'>, work: (db: Queryable) => Promise<Result>): Promise<Result> {
  const knex = orm.em.getConnection().getKnex();
  const client = (await knex.client.acquireConnection()) as Queryable;
  try {
    return await work(client);
  } finally {
    await knex.client.releaseConnection(client);
  }
}

/**
 * Runs every rule now and then every hour (the outbox feed runs approvals in between). The returned function stops
 * it and resolves once a run in progress has finished, so the database is not closed under it. Runs in several
 * processes may overlap: the unique key lets each notification through once.
 */
export function keepNotificationRules(orm: MikroORM, settings: NotificationRuleSettings, log: Logger): () => Promise<void> {
  return everyHour(() =>
    withPgClient(orm, (db) => runNotificationRules(db, settings))
      .then((inserted) => {
        if (inserted.length > 0) log.info({ notifications: inserted.length }, 'notification rules made notifications');
      })
      .catch((error: unknown) => log.error({ err: error }, 'the notification rule run failed')),
  );
}
