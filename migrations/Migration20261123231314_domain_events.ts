import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox: `domain_event`, filled by triggers on the deal tables, so every writer (the API, the
 * admin UI through Prisma, seeds, bulk SQL) writes the event of a change in the change's own transaction. Each
 * trigger also notifies `salesgraph_events`, delivered by PostgreSQL at commit.
 */
export class Migration20261123231314_domain_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "domain_event" ("position" bigserial primary key, "id" uuid not null default gen_random_uuid(), "type" text not null, "aggregate_type" text not null, "aggregate_id" uuid not null, "aggregate_version" int null, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "opportunity_id" uuid null, "transaction_id" xid8 not null default pg_current_xact_id(), "payload" jsonb not null);`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_id_unique" unique ("id");`);
    this.addSql(`create index "domain_event_opportunity_position_idx" on "domain_event" ("opportunity_id", "position");`);
    this.addSql(`create index "domain_event_occurred_at_idx" on "domain_event" ("occurred_at");`);

    this.addSql(`alter table "domain_event" add constraint "domain_event_opportunity_id_foreign" foreign key ("opportunity_id") references "opportunity" ("id") on update cascade on delete set null;`);

    this.addSql(`create or replace function salesgraph_camel_case(key text) returns text language sql immutable as $$
      select lower(left(key, 1)) || substr(replace(initcap(replace(key, '_', ' ')), ' ', ''), 2)
    $$;`);
    // The fields of a row that differ from the old row (all of them for an insert), camelCase, bookkeeping left out.
    this.addSql(`create or replace function salesgraph_changed_fields(new_row jsonb, old_row jsonb) returns jsonb language sql immutable as $$
      select coalesce(jsonb_object_agg(
               salesgraph_camel_case(n.key),
               -- numbers (money, percentages) travel as decimal strings, as everywhere in the API
               case when jsonb_typeof(n.value) = 'number' then to_jsonb(n.value #>> '{}') else n.value end
             ), '{}'::jsonb)
        from jsonb_each(new_row) n
       where n.key not in ('version', 'created_at', 'updated_at', 'name_key')
         and (old_row is null or n.value is distinct from old_row -> n.key)
    $$;`);
    // The API names the signed-in user for its transactions (set_config(..., true)); other writers leave it empty.
    this.addSql(`create or replace function salesgraph_actor() returns uuid language sql stable as $$
      select nullif(current_setting('salesgraph.actor_id', true), '')::uuid
    $$;`);
    this.addSql(`create or replace function salesgraph_record_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, opportunity_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, opportunity_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), opportunity_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);

    this.addSql(`create or replace function salesgraph_opportunity_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'opportunity.created';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.stage is not distinct from old.stage then 'opportunity.updated'
          when new.stage = 'WON' then 'opportunity.won'
          when new.stage = 'LOST' then 'opportunity.lost'
          when old.stage in ('WON', 'LOST') then 'opportunity.reopened'
          else 'opportunity.stageChanged' end;
        if new.stage is distinct from old.stage then changed := changed || jsonb_build_object('previousStage', old.stage); end if;
      end if;
      perform salesgraph_record_event(kind, 'Opportunity', new.id, new.version, new.id, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger opportunity_domain_event after insert or update on opportunity for each row execute function salesgraph_opportunity_event();`);

    this.addSql(`create or replace function salesgraph_quote_event() returns trigger language plpgsql as $$
    declare
      changed jsonb := salesgraph_changed_fields(to_jsonb(new), case when tg_op = 'UPDATE' then to_jsonb(old) end);
      kind text := 'quote.created';
    begin
      if tg_op = 'UPDATE' then
        if changed = '{}'::jsonb then return null; end if;
        kind := case
          when new.status is not distinct from old.status then 'quote.updated'
          when old.status = 'DRAFT' and new.status in ('PENDING_APPROVAL', 'APPROVED') then 'quote.submitted'
          when old.status = 'PENDING_APPROVAL' and new.status = 'APPROVED' then 'quote.approved'
          when old.status = 'PENDING_APPROVAL' and new.status = 'DRAFT' then 'quote.rejected'
          when new.status = 'ACCEPTED' then 'quote.accepted'
          when new.status = 'SUPERSEDED' then 'quote.superseded'
          else 'quote.updated' end;
      end if;
      perform salesgraph_record_event(kind, 'Quote', new.id, new.version, new.opportunity_id, changed);
      return null;
    end $$;`);
    this.addSql(`create trigger quote_domain_event after insert or update on quote for each row execute function salesgraph_quote_event();`);

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
    this.addSql(`create trigger approval_request_domain_event after insert or update on approval_request for each row execute function salesgraph_approval_event();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists approval_request_domain_event on approval_request;`);
    this.addSql(`drop trigger if exists quote_domain_event on quote;`);
    this.addSql(`drop trigger if exists opportunity_domain_event on opportunity;`);
    this.addSql(`drop function if exists salesgraph_approval_event(), salesgraph_quote_event(), salesgraph_opportunity_event(), salesgraph_record_event(text, text, uuid, int, uuid, jsonb), salesgraph_actor(), salesgraph_changed_fields(jsonb, jsonb), salesgraph_camel_case(text);`);
    this.addSql(`drop table if exists "domain_event" cascade;`);
  }

}
