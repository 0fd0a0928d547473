import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';

/** Monthly budget per person of a unit, by category (a region holds 1.2 times its people's). */
const MONTHLY_PER_PERSON: readonly [code: string, amount: number][] = [
  ['TRAVEL', 3000],
  ['ENTERTAINMENT', 2000],
  ['TRANSPORT', 800],
  ['COMMUNICATION', 300],
  ['SAMPLES_GIFTS', 1000],
  ['CONFERENCE_MARKETING', 1500],
  ['OTHER', 200],
];

const PER_PERSON_VALUES = MONTHLY_PER_PERSON.map(([code, amount]) => `('${code}', ${amount})`).join(', ');

/** Who files claims in the demo: the sales line. */
const CLAIMANT_ROLES = `('SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER')`;

/**
 * The demo budgets and claims, set-based (a handful of statements, well under a second): every region and team gets a
 * budget for last month and this month, set by its region's director, split by category; every rep, key account
 * manager and team manager three claims last month (one in each status in turn: PAID, APPROVED, SUBMITTED, RETURNED,
 * REJECTED, DRAFT) and one submitted this month, two lines each, each waiting for or decided by the nearest head up
 * their chain. Claims are written as drafts and then moved on by UPDATEs, so the triggers write their events.
 */
export async function seedDemoExpensesIfEmpty(orm: MikroORM, _config?: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const [{ n }] = await em.execute<{ n: string }[]>(`select count(*)::text as n from expense_budget`);
  if (Number(n) > 0) return false;
  await em.transactional(async (tx) => {
    const run = (sql: string) => tx.execute(sql);
    await run(`create temp table demo_month on commit drop as
      select date_trunc('month', current_date)::date as period_start, 0 as back
      union all select (date_trunc('month', current_date) - interval '1 month')::date, 1`);
    await run(`insert into expense_budget (id, org_unit_id, period_kind, period_start, period_end, set_by_id, note)
      select gen_random_uuid(), u.id, 'MONTH', m.period_start, (m.period_start + interval '1 month - 1 day')::date,
             coalesce(region.head_id, (select id from app_user where role = 'SALES_VP' order by id limit 1)), '演示预算'
        from org_unit u
        join org_unit region on region.id = case when u.kind = 'REGION' then u.id else u.parent_id end
        cross join demo_month m
       where u.kind in ('REGION', 'TEAM')`);
    await run(`insert into expense_budget_line (id, budget_id, category_id, amount)
      select gen_random_uuid(), b.id, c.id,
             rate.amount * (case when u.kind = 'REGION' then 1.2 else 1 end)
               * greatest(1, (select count(*) from app_user p join org_unit pu on pu.id = p.unit_id
                               where pu.path like u.path || '%' and p.status = 'ACTIVE' and p.role in ${CLAIMANT_ROLES}))
        from expense_budget b
        join org_unit u on u.id = b.org_unit_id
        join (values ${PER_PERSON_VALUES}) as rate(code, amount) on true
        join expense_category c on c.code = rate.code`);

    // The claims to write: three last month and one this month per claimant, with their approver and status.
    await run(`create temp table demo_claim on commit drop as
      select gen_random_uuid() as id, p.id as claimant_id, p.unit_id, k.k,
             case when k.k = 3 then 'SUBMITTED'
                  else (array['PAID', 'APPROVED', 'SUBMITTED', 'RETURNED', 'REJECTED', 'DRAFT'])[1 + ((row_number() over (order by p.id, k.k)) % 6)::int] end as status,
             case when u.head_id = p.id then parent.head_id else u.head_id end as approver_id,
             case when k.k = 3 then current_date
                  else (date_trunc('month', current_date) - interval '1 month')::date + (k.k * 9 + (abs(hashtext(p.id::text)) % 5))::int end as spent_on,
             row_number() over (order by p.id, k.k) as seq
        from app_user p
        join org_unit u on u.id = p.unit_id
        left join org_unit parent on parent.id = u.parent_id
        cross join generate_series(0, 3) as k(k)
       where p.status = 'ACTIVE' and p.role in ${CLAIMANT_ROLES}`);
    await run(`delete from demo_claim where approver_id is null`);
    await run(`create temp table demo_claim_line on commit drop as
      select c.id as claim_id, c.claimant_id, l.position, cat.id as category_id, c.spent_on,
             (80 + ((c.seq * 37 + l.position * 53) % 420))::numeric(14,2) as amount,
             case cat.code when 'TRAVEL' then '客户拜访差旅' when 'ENTERTAINMENT' then '客户招待' when 'TRANSPORT' then '市内交通'
                           when 'COMMUNICATION' then '通讯费' when 'SAMPLES_GIFTS' then '样品' when 'CONFERENCE_MARKETING' then '行业展会'
                           else '其他' end as description
        from demo_claim c
        cross join generate_series(1, 2) as l(position)
        join expense_category cat on cat.position = 1 + ((c.seq + l.position) % 3)::int`);
    await run(`insert into expense_claim (id, number, claimant_id, org_unit_id, title, currency, total_amount, status)
      select c.id, 'EX' || lpad(nextval('expense_claim_number_seq')::text, 6, '0'), c.claimant_id, c.unit_id,
             to_char(c.spent_on, 'YYYY-MM') || ' 费用报销', 'CNY', (select sum(l.amount) from demo_claim_line l where l.claim_id = c.id), 'DRAFT'
        from demo_claim c order by c.seq`);
    await run(`insert into expense_claim_line (id, claim_id, claimant_id, position, category_id, spent_on, amount, description,
        receipt_file_name, receipt_content_type, receipt_size, receipt_sha256, receipt_storage_key, budget_remaining)
      select gen_random_uuid(), l.claim_id, l.claimant_id, l.position, l.category_id, l.spent_on, l.amount, l.description,
             'receipt-' || l.position || '.jpg', 'image/jpeg', 150000 + l.position * 1000, encode(sha256((l.claim_id::text || l.position)::bytea), 'hex'),
             'receipts/' || l.claim_id || '/' || l.position || '.jpg', null
        from demo_claim_line l`);
    // Submitted (every claim past DRAFT), then decided, then paid: one UPDATE each, so each writes its events.
    await run(`update expense_claim e set status = 'SUBMITTED', approval_round = 1, submitted_at = e.created_at, version = version + 1
        from demo_claim c where c.id = e.id and c.status <> 'DRAFT'`);
    await run(`insert into expense_approval_step (id, claim_id, round, position, approver_id, approver_role, approver_limit, status, decided_at, comment)
      select gen_random_uuid(), c.id, 1, 1, c.approver_id, a.role, coalesce(l.max_expense_amount, 0),
             (case c.status when 'SUBMITTED' then 'PENDING' when 'APPROVED' then 'APPROVED' when 'PAID' then 'APPROVED' else 'REJECTED' end)::approval_step_status,
             case when c.status <> 'SUBMITTED' then now() end,
             case c.status when 'RETURNED' then '请补充客户名称' when 'REJECTED' then '不属于可报销范围' end
        from demo_claim c join app_user a on a.id = c.approver_id left join approval_limit l on l.role::text = a.role::text
       where c.status <> 'DRAFT'`);
    await run(`update expense_claim e set status = case when c.status = 'PAID' then 'APPROVED' else c.status end,
             approved_at = case when c.status in ('APPROVED', 'PAID') then now() end,
             rejected_at = case when c.status = 'REJECTED' then now() end,
             returned_at = case when c.status = 'RETURNED' then now() end,
             returned_by_id = case when c.status = 'RETURNED' then c.approver_id end,
             return_reason = case when c.status = 'RETURNED' then '请补充客户名称' end,
             version = version + 1
        from demo_claim c where c.id = e.id and c.status in ('APPROVED', 'PAID', 'RETURNED', 'REJECTED')`);
    await run(`update expense_claim e set status = 'PAID', paid_on = current_date, payment_reference = 'DEMO-' || e.number,
             paid_by_id = (select id from app_user where role = 'FINANCE' order by id limit 1), version = version + 1
        from demo_claim c where c.id = e.id and c.status = 'PAID'`);
  });
  return true;
}
