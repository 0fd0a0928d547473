import { Migration } from '@mikro-orm/migrations';

/** The expense categories every company starts with (master data, editable in the admin). */
const CATEGORIES: readonly [code: string, name: string, nameEn: string][] = [
  ['TRAVEL', '差旅费', 'Travel'],
  ['ENTERTAINMENT', '业务招待费', 'Entertainment and hospitality'],
  ['TRANSPORT', '交通费', 'Local transport'],
  ['COMMUNICATION', '通讯费', 'Communication'],
  ['SAMPLES_GIFTS', '样品及礼品', 'Samples and gifts'],
  ['CONFERENCE_MARKETING', '会议及市场推广', 'Conferences and marketing'],
  ['OTHER', '其他', 'Other'],
];

/**
 * Expenses (费用): categories (master data), budgets per org unit and period split by category, expense claims with
 * their lines and approval steps, and the `expenseClaim.*` events.
 *
 * A claim's total is the sum of its lines, checked at commit by a deferred constraint trigger whoever writes. Budget
 * lines are the rows approvals lock: an approval that would take a budget past its amount waits for the one before it.
 */
export class Migration20261208100000_expenses extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "expense_category" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "code" text not null,
      "name" varchar(200) not null,
      "name_en" varchar(200) null,
      "position" smallint not null default 0,
      "active" boolean not null default true,
      constraint "expense_category_pkey" primary key ("id"),
      constraint "expense_category_code_unique" unique ("code"));`);
    CATEGORIES.forEach(([code, name, nameEn], index) => {
      this.addSql(`insert into "expense_category" ("id", "code", "name", "name_en", "position") values (gen_random_uuid(), '${code}', '${name}', '${nameEn}', ${index + 1});`);
    });

    this.addSql(`create table "expense_budget" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "org_unit_id" uuid not null,
      "period_kind" text not null,
      "period_start" date not null,
      "period_end" date not null,
      "set_by_id" uuid not null,
      "note" text null,
      constraint "expense_budget_pkey" primary key ("id"),
      constraint "expense_budget_period_kind_check" check (period_kind in ('YEAR', 'QUARTER', 'MONTH')),
      constraint "expense_budget_period_check" check (period_end >= period_start and extract(day from period_start) = 1),
      constraint "expense_budget_unit_period_unique" unique ("org_unit_id", "period_kind", "period_start"));`);
    this.addSql(`create index "expense_budget_period_idx" on "expense_budget" ("period_start", "period_end");`);
    this.addSql(`alter table "expense_budget" add constraint "expense_budget_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "expense_budget" add constraint "expense_budget_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "expense_budget_line" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "budget_id" uuid not null,
      "category_id" uuid not null,
      "amount" numeric(14,2) not null,
      constraint "expense_budget_line_pkey" primary key ("id"),
      constraint "expense_budget_line_amount_check" check (amount >= 0),
      constraint "expense_budget_line_category_unique" unique ("budget_id", "category_id"));`);
    this.addSql(`create index "expense_budget_line_category_idx" on "expense_budget_line" ("category_id");`);
    this.addSql(`alter table "expense_budget_line" add constraint "expense_budget_line_budget_id_foreign" foreign key ("budget_id") references "expense_budget" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "expense_budget_line" add constraint "expense_budget_line_category_id_foreign" foreign key ("category_id") references "expense_category" ("id") on update cascade on delete restrict;`);

    this.addSql(`create sequence if not exists "expense_claim_number_seq";`);
    this.addSql(`create table "expense_claim" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "number" text not null,
      "claimant_id" uuid not null,
      "org_unit_id" uuid not null,
      "title" varchar(200) not null,
      "currency" char(3) not null default 'CNY',
      "total_amount" numeric(14,2) not null,
      "status" text not null default 'DRAFT',
      "approval_round" smallint not null default 0,
      "over_budget" boolean not null default false,
      "submitted_at" timestamptz null,
      "approved_at" timestamptz null,
      "returned_at" timestamptz null,
      "returned_by_id" uuid null,
      "return_reason" text null,
      "rejected_at" timestamptz null,
      "paid_on" date null,
      "payment_reference" text null,
      "paid_by_id" uuid null,
      constraint "expense_claim_pkey" primary key ("id"),
      constraint "expense_claim_number_unique" unique ("number"),
      constraint "expense_claim_status_check" check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'REJECTED', 'PAID')),
      constraint "expense_claim_amount_check" check (total_amount >= 0),
      constraint "expense_claim_paid_check" check ((status = 'PAID') = (paid_on is not null)),
      constraint "expense_claim_returned_check" check (status <> 'RETURNED' or return_reason is not null));`);
    this.addSql(`create index "expense_claim_claimant_idx" on "expense_claim" ("claimant_id", "created_at");`);
    this.addSql(`create index "expense_claim_unit_status_idx" on "expense_claim" ("org_unit_id", "status");`);
    this.addSql(`create index "expense_claim_status_idx" on "expense_claim" ("status", "created_at");`);
    this.addSql(`alter table "expense_claim" add constraint "expense_claim_claimant_id_foreign" foreign key ("claimant_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "expense_claim" add constraint "expense_claim_org_unit_id_foreign" foreign key ("org_unit_id") references "org_unit" ("id") on update cascade on delete restrict;`);
    for (const column of ['returned_by_id', 'paid_by_id']) {
      this.addSql(`alter table "expense_claim" add constraint "expense_claim_${column}_foreign" foreign key ("${column}") references "app_user" ("id") on update cascade on delete restrict;`);
    }

    this.addSql(`create table "expense_claim_line" (
      "id" uuid not null,
      "claim_id" uuid not null,
      "claimant_id" uuid not null,
      "position" smallint not null,
      "category_id" uuid not null,
      "spent_on" date not null,
      "amount" numeric(14,2) not null,
      "description" text not null,
      "customer_id" uuid null,
      "visit_id" uuid null,
      "opportunity_id" uuid null,
      "receipt_file_name" text null,
      "receipt_content_type" text null,
      "receipt_size" int null,
      "receipt_sha256" text null,
      "receipt_storage_key" text null,
      "budget_remaining" numeric(14,2) null,
      "original_amount" numeric(14,2) null,
      "corrected_by_id" uuid null,
      "corrected_at" timestamptz null,
      "correction_reason" text null,
      constraint "expense_claim_line_pkey" primary key ("id"),
      constraint "expense_claim_line_position_unique" unique ("claim_id", "position"),
      constraint "expense_claim_line_amount_check" check (amount >= 0 and (original_amount is null or original_amount > 0)),
      constraint "expense_claim_line_receipt_check" check ((receipt_sha256 is null or receipt_sha256 ~ '^[0-9a-f]{64}$') and (receipt_size is null or receipt_size >= 0)),
      constraint "expense_claim_line_correction_check" check ((original_amount is null) = (corrected_by_id is null) and (original_amount is null) = (correction_reason is null)));`);
    this.addSql(`create index "expense_claim_line_spent_idx" on "expense_claim_line" ("category_id", "spent_on");`);
    this.addSql(`create index "expense_claim_line_claimant_spent_idx" on "expense_claim_line" ("claimant_id", "spent_on");`);
    const lineForeignKeys: [string, string, string][] = [
      ['claim_id', 'expense_claim', 'cascade'],
      ['claimant_id', 'app_user', 'restrict'],
      ['category_id', 'expense_category', 'restrict'],
      ['customer_id', 'customer', 'set null'],
      ['visit_id', 'visit', 'set null'],
      ['opportunity_id', 'opportunity', 'set null'],
      ['corrected_by_id', 'app_user', 'restrict'],
    ];
    for (const [column, table, rule] of lineForeignKeys) {
      this.addSql(`alter table "expense_claim_line" add constraint "expense_claim_line_${column}_foreign" foreign key ("${column}") references "${table}" ("id") on update cascade on delete ${rule};`);
    }

    this.addSql(`create table "expense_approval_step" (
      "id" uuid not null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "claim_id" uuid not null,
      "round" smallint not null,
      "position" smallint not null,
      "approver_id" uuid not null,
      "approver_role" "user_role" not null,
      "approver_limit" numeric(14,2) not null,
      "for_budget" boolean not null default false,
      "status" "approval_step_status" not null default 'WAITING',
      "decided_at" timestamptz null,
      "comment" text null,
      constraint "expense_approval_step_pkey" primary key ("id"),
      constraint "expense_approval_step_round_position_unique" unique ("claim_id", "round", "position"));`);
    this.addSql(`create index "expense_approval_step_approver_status_idx" on "expense_approval_step" ("approver_id", "status");`);
    this.addSql(`alter table "expense_approval_step" add constraint "expense_approval_step_claim_id_foreign" foreign key ("claim_id") references "expense_claim" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "expense_approval_step" add constraint "expense_approval_step_approver_id_foreign" foreign key ("approver_id") references "app_user" ("id") on update cascade on delete restrict;`);

    // Sum of lines = total, checked at commit (lines and header are written by separate statements).
    this.addSql(`create or replace function salesgraph_expense_claim_total_check() returns trigger language plpgsql as $$
    declare
      changed jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
      claim uuid := ((case when tg_table_name = 'expense_claim' then changed->>'id' else changed->>'claim_id' end))::uuid;
      total numeric;
      counted numeric;
    begin
      select c.total_amount into total from expense_claim c where c.id = claim;
      if total is null then return null; end if;
      select coalesce(sum(l.amount), 0) into counted from expense_claim_line l where l.claim_id = claim;
      if counted <> total then
        raise exception 'expense claim % totals % but its lines sum to %', claim, total, counted using errcode = '23514';
      end if;
      return null;
    end $$;`);
    this.addSql(`create constraint trigger expense_claim_total_check after insert or update on expense_claim deferrable initially deferred for each row execute function salesgraph_expense_claim_total_check();`);
    this.addSql(`create constraint trigger expense_claim_line_total_check after insert or update or delete on expense_claim_line deferrable initially deferred for each row execute function salesgraph_expense_claim_total_check();`);

    // Events: a status change to SUBMITTED, APPROVED, RETURNED or PAID.
    this.addSql(`alter table "domain_event" add column "expense_claim_id" uuid null;`);
    this.addSql(`alter table "domain_event" add constraint "domain_event_expense_claim_id_foreign" foreign key ("expense_claim_id") references "expense_claim" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "domain_event_expense_claim_stream_idx" on "domain_event" ("expense_claim_id", "transaction_id", "position");`);
    this.addSql(`create or replace function salesgraph_record_expense_event(kind text, aggregate text, aggregate_id uuid, aggregate_version int, claim_id uuid, payload jsonb) returns void language plpgsql as $$
    begin
      insert into domain_event (type, aggregate_type, aggregate_id, aggregate_version, actor_id, expense_claim_id, payload)
      values (kind, aggregate, aggregate_id, aggregate_version, salesgraph_actor(), claim_id, payload);
      perform pg_notify('salesgraph_events', '');
    end $$;`);
    this.addSql(`create or replace function salesgraph_expense_claim_event() returns trigger language plpgsql as $$
    declare
      kind text;
    begin
      if new.status is not distinct from old.status then return null; end if;
      kind := case new.status when 'SUBMITTED' then 'expenseClaim.submitted' when 'APPROVED' then 'expenseClaim.approved'
                              when 'RETURNED' then 'expenseClaim.returned' when 'PAID' then 'expenseClaim.paid' end;
      if kind is null then return null; end if;
      perform salesgraph_record_expense_event(kind, 'ExpenseClaim', new.id, new.version, new.id, jsonb_build_object(
        'number', new.number, 'claimantId', new.claimant_id, 'status', new.status, 'previousStatus', old.status,
        'totalAmount', new.total_amount::text, 'currency', new.currency, 'overBudget', new.over_budget,
        'approvalRound', new.approval_round, 'returnReason', case when new.status = 'RETURNED' then new.return_reason end,
        'paidOn', new.paid_on, 'paymentReference', new.payment_reference));
      return null;
    end $$;`);
    this.addSql(`create trigger expense_claim_domain_event after update on expense_claim for each row execute function salesgraph_expense_claim_event();`);
    // A later step becoming the current one (the step before it approved, or the budget's level added): its approver
    // is asked now. The first step of a round is announced by expenseClaim.submitted.
    this.addSql(`create or replace function salesgraph_expense_step_event() returns trigger language plpgsql as $$
    declare
      claim expense_claim%rowtype;
    begin
      if new.status <> 'PENDING' or new.position = 1 or (tg_op = 'UPDATE' and old.status = 'PENDING') then return null; end if;
      select * into claim from expense_claim where id = new.claim_id;
      perform salesgraph_record_expense_event('expenseClaim.approvalRequested', 'ExpenseClaim', claim.id, claim.version, claim.id, jsonb_build_object(
        'number', claim.number, 'claimantId', claim.claimant_id, 'status', claim.status, 'approverId', new.approver_id,
        'round', new.round, 'position', new.position, 'forBudget', new.for_budget));
      return null;
    end $$;`);
    this.addSql(`create trigger expense_approval_step_domain_event after insert or update of status on expense_approval_step for each row execute function salesgraph_expense_step_event();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists expense_approval_step_domain_event on expense_approval_step;`);
    this.addSql(`drop function if exists salesgraph_expense_step_event();`);
    this.addSql(`drop trigger if exists expense_claim_domain_event on expense_claim;`);
    this.addSql(`drop function if exists salesgraph_expense_claim_event(), salesgraph_record_expense_event(text, text, uuid, int, uuid, jsonb);`);
    this.addSql(`alter table "domain_event" drop column if exists "expense_claim_id";`);
    this.addSql(`drop table if exists "expense_approval_step", "expense_claim_line", "expense_claim", "expense_budget_line", "expense_budget", "expense_category" cascade;`);
    this.addSql(`drop function if exists salesgraph_expense_claim_total_check();`);
    this.addSql(`drop sequence if exists "expense_claim_number_seq";`);
  }
}
