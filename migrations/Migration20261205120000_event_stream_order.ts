import { Migration } from '@mikro-orm/migrations';

const RELATIONS = ['opportunity', 'contract', 'order', 'invoice', 'payment'] as const;

/**
 * The event stream is read in (writing transaction, position) order, below the oldest running transaction: a
 * position is taken at insert, but a transaction that took its xid early (a row lock before its first event) can
 * commit after a later position was read, so position order alone let readers step past it for good. Every index a
 * reader walks gets the transaction id before the position.
 *
 * The webhook fan-out keeps both parts of its cursor, and claims a range with a lease instead of holding a row lock
 * (which gave its transaction an xid and held back every reader's horizon while it checked permissions).
 *
 * The approval trigger names its event types as literals, like every other trigger, so the event catalogue can be
 * checked against the trigger sources.
 */
export class Migration20261205120000_event_stream_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "domain_event_stream_idx" on "domain_event" ("transaction_id", "position");`);
    for (const relation of RELATIONS) {
      this.addSql(`drop index "domain_event_${relation}_position_idx";`);
      this.addSql(`create index "domain_event_${relation}_stream_idx" on "domain_event" ("${relation}_id", "transaction_id", "position");`);
    }

    this.addSql(`alter table "webhook_fanout" add column "last_transaction_id" xid8 not null default '0', add column "claimed_by" uuid null, add column "claimed_until" timestamptz null;`);
    // Resume before the first event after the old position: events the position order may have skipped since are
    // sent (again), never lost.
    this.addSql(`update "webhook_fanout" f set
        "last_transaction_id" = coalesce(
          (select min(e."transaction_id") from "domain_event" e where e."position" > f."last_position"),
          (select max(e."transaction_id") from "domain_event" e), '0'),
        "last_position" = case when exists (select 1 from "domain_event" e where e."position" > f."last_position") then 0
                               else coalesce((select max(e."position") from "domain_event" e), 0) end;`);

    this.addSql(`create or replace function salesgraph_approval_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'approval.requested';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.status is not distinct from old.status then 'approval.updated'
          when new.status = 'APPROVED' then 'approval.approved'
          when new.status = 'REJECTED' then 'approval.rejected'
          when new.status = 'CANCELLED' then 'approval.cancelled'
          when new.status = 'PENDING' then 'approval.requested'
          else 'approval.updated' end;
      end if;
      perform salesgraph_record_event(kind, 'ApprovalRequest', new.id, new.version, (select q.opportunity_id from quote q where q.id = new.quote_id), changed);
      return null;
    end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function salesgraph_approval_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'approval.requested';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case when new.status is distinct from old.status then 'approval.' || lower(new.status::text) else 'approval.updated' end;
      end if;
      perform salesgraph_record_event(kind, 'ApprovalRequest', new.id, new.version, (select q.opportunity_id from quote q where q.id = new.quote_id), changed);
      return null;
    end $$;`);
    this.addSql(`alter table "webhook_fanout" drop column "last_transaction_id", drop column "claimed_by", drop column "claimed_until";`);
    for (const relation of RELATIONS) {
      this.addSql(`drop index "domain_event_${relation}_stream_idx";`);
      this.addSql(`create index "domain_event_${relation}_position_idx" on "domain_event" ("${relation}_id", "position");`);
    }
    this.addSql(`drop index "domain_event_stream_idx";`);
  }

}
