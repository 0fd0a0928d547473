import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { DEMO_COMPANY } from './demo-company.data';
import { demoId } from './demo-ids';

/** The month the demo reports cover (fixed, so the README's views stay the same on any later day). */
export const DEMO_REPORTS_MONTH = { start: '2026-11-01', end: '2026-11-30' };

/**
 * The generated reports of every person who files them, for the working days, the weeks starting and the months of
 * `from`…`to` (and the month before `from`), as one INSERT … SELECT (`?` parameters: see generatedReportsParams). A
 * fixed hash of person, kind and period decides each one's fate: about 10 % missing, 5 % drafts, 15 % a day late, the
 * rest on time; about half of the weekly and monthly ones and a fifth of the daily ones reviewed by the author's
 * manager (score 3–5). Daily logs list that day's visits. Shared with the bench dataset (seeds/bench/bench-reports.ts).
 */
export const GENERATED_REPORTS_SQL = `with people as (
         select u.id, u.role, u.unit_id from app_user u where u.status = 'ACTIVE'
       ),
       periods(kind, period_start) as (
         select 'DAILY'::work_report_kind, d::date from generate_series(?::date, ?::date, interval '1 day') d where extract(isodow from d) < 6
         union all
         select 'WEEKLY'::work_report_kind, d::date from generate_series(salesgraph_report_period_start('WEEKLY', ?::date + 6), ?::date - 6, interval '7 days') d
         union all
         select 'MONTHLY'::work_report_kind, d::date from generate_series((?::date - interval '1 month')::date, ?::date, interval '1 month') d
       ),
       planned as (
         select p.id as author_id, p.unit_id, pr.kind, pr.period_start, salesgraph_report_period_end(pr.kind, pr.period_start) as period_end,
                salesgraph_report_deadline_at(pr.kind, pr.period_start, d.due_after_minutes, ?) as deadline_at,
                abs(hashtext(p.id::text || pr.kind::text || pr.period_start::text)) % 20 as fate,
                abs(hashtext(p.id::text || pr.period_start::text || 'review')) % 10 as review
           from people p join report_deadline d on d.role = p.role join periods pr on pr.kind = d.kind
       ),
       fated as (
         select pl.*, m.head_id as manager_id,
                case when pl.fate = 2 then null
                     when pl.fate <= 5 then least(pl.deadline_at + interval '1 day 2 hours', now())
                     else pl.deadline_at - (case pl.kind when 'DAILY' then interval '14 hours' else interval '6 hours' end) end as submitted_at,
                pl.fate between 3 and 5 as late,
                pl.fate > 2 and m.head_id is not null and pl.review < (case pl.kind when 'DAILY' then 2 else 5 end) as reviewed
           from planned pl
           left join lateral (
             select ou.head_id from org_unit own join org_unit ou on own.path like ou.path || '%'
              where own.id = pl.unit_id and ou.head_id is not null and ou.head_id <> pl.author_id
              order by ou.depth desc limit 1) m on true
          where pl.fate >= 2
       )
       insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, progress, problems, help_needed, plan, status,
                                deadline_at, submitted_at, late, reviewed_by_id, reviewed_at, review_comment, score)
       select gen_random_uuid(), f.author_id, f.unit_id, f.kind, f.period_start, f.period_end,
              case f.kind when 'DAILY' then coalesce(v.lines, '内勤：整理客户资料，电话回访')
                          when 'WEEKLY' then '本周拜访客户 ' || coalesce(w.visits, 0) || ' 次，推进重点商机'
                          else '本月拜访客户 ' || coalesce(w.visits, 0) || ' 次；回款、新客户开发按计划推进' end,
              case when f.fate % 4 = 0 then '客户对价格敏感，竞品报价更低' end,
              case when f.fate % 7 = 0 then '需要技术支持配合做方案演示' end,
              case f.kind when 'DAILY' then '明天继续跟进意向客户' when 'WEEKLY' then '下周：跟进报价，安排技术交流' else '下月：完成目标，重点突破新客户' end,
              (case when f.submitted_at is null then 'DRAFT' when f.reviewed then 'REVIEWED' when f.late then 'LATE' else 'SUBMITTED' end)::work_report_status,
              f.deadline_at, f.submitted_at, f.late,
              case when f.reviewed then f.manager_id end,
              case when f.reviewed then least(f.submitted_at + interval '20 hours', now()) end,
              case when f.reviewed then (case 3 + f.review % 3 when 5 then '很好，继续保持' when 4 then '不错，注意跟进节奏' else '内容偏少，请补充客户反馈' end) end,
              case when f.reviewed then 3 + f.review % 3 end
         from fated f
         left join lateral (
           select string_agg('拜访 ' || c.name || '：' || vi.purpose, E'\\n' order by vi.created_at, vi.id) as lines
             from visit vi join customer c on c.id = vi.customer_id
            where f.kind = 'DAILY' and (vi.visited_by_id = f.author_id or vi.accompanied_by_id = f.author_id) and vi.visited_on = f.period_start) v on true
         left join lateral (
           select count(*)::int as visits from visit vi
            where f.kind <> 'DAILY' and (vi.visited_by_id = f.author_id or vi.accompanied_by_id = f.author_id) and vi.visited_on between f.period_start and f.period_end) w on true`;

/** The parameters of GENERATED_REPORTS_SQL: the first and last day covered and the company time zone. */
export function generatedReportsParams(from: string, to: string, zone: string): string[] {
  return [from, to, from, to, from, from, zone];
}

/**
 * Work reports and meetings of the demo company for November 2026, set-based (a handful of statements, well under a
 * second): every person who files reports (a row in `report_deadline` for their role) gets the month's daily logs
 * (weekdays; reps and key account managers), the four weekly reports of weeks starting in November, and the monthly
 * reports of October and November. A fixed hash of person, kind and period decides each one's fate: about 10 % missing,
 * 5 % left as drafts, 15 % handed in a day late, the rest on time; about half of the weekly and monthly ones and a fifth
 * of the daily ones are reviewed by the author's manager (score 3–5). Daily logs link that day's visits and list them.
 * 赵磊 (上海一组) files an important matter his manager acknowledged, keeps his daily log of November 30th as a draft,
 * and his last weekly report of November goes
 * through the API's states (draft → late → reviewed) so the outbox holds one `workReport.submitted` and one
 * `workReport.reviewed`. Two meetings with action items: 上海一组's team meeting and 华东's director meeting.
 * Deadlines are computed in the configured company time zone.
 */
export async function seedDemoReportsIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const [{ count }] = await em.execute<{ count: number }[]>(`select count(*)::int as count from work_report`);
  const [east] = DEMO_COMPANY.regions;
  const [shanghai1, shanghai2, hangzhou] = east.teams;
  const user = (person: { email: string }): string => demoId(`user:${person.email}`);
  const leiZhao = user(shanghai1.reps[0]);
  if (count > 0) return false;
  const [present] = await em.execute<{ count: number }[]>(`select count(*)::int as count from app_user where id = ?`, [leiZhao]);
  if (present.count === 0) return false;
  const zone = config.companyTimeZone;
  await em.transactional(async (tx) => {
    await tx.execute(GENERATED_REPORTS_SQL, generatedReportsParams(DEMO_REPORTS_MONTH.start, DEMO_REPORTS_MONTH.end, zone));
    await tx.execute(
      `insert into work_report_visit (report_id, visit_id)
       select r.id, v.id from work_report r
         join visit v on (v.visited_by_id = r.author_id or v.accompanied_by_id = r.author_id) and v.visited_on = r.period_start
        where r.kind = 'DAILY'
       on conflict do nothing`,
    );
    // 赵磊's last weekly report of the month through the states the API moves it through, so the outbox holds its events.
    const lastWeek = '2026-11-23';
    const manager = user(shanghai1.manager);
    await tx.execute(
      `insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, progress, plan, deadline_at)
       select ?, u.id, u.unit_id, 'WEEKLY', ?::date, salesgraph_report_period_end('WEEKLY', ?::date), '本周拜访临港、张江客户，推进两个报价', '下周：跟进报价审批',
              salesgraph_report_deadline('WEEKLY', u.role, ?::date, ?)
         from app_user u where u.id = ?
       on conflict (author_id, kind, period_start) where kind <> 'IMPORTANT_MATTER'
       do update set status = 'DRAFT', submitted_at = null, late = false, reviewed_by_id = null, reviewed_at = null, review_comment = null, score = null,
                     deadline_at = excluded.deadline_at, id = excluded.id`,
      [demoId('work-report:lei-zhao-weekly-2026-11-23'), lastWeek, lastWeek, lastWeek, zone, leiZhao],
    );
    await tx.execute(
      `update work_report set status = 'LATE', late = true, submitted_at = least(deadline_at + interval '3 hours', now()), version = version + 1 where id = ?`,
      [demoId('work-report:lei-zhao-weekly-2026-11-23')],
    );
    await tx.execute(
      `update work_report set status = 'REVIEWED', reviewed_by_id = ?, reviewed_at = least(submitted_at + interval '5 hours', now()), score = 4,
              review_comment = '报价推进及时，周报请按时提交', version = version + 1
        where id = ?`,
      [manager, demoId('work-report:lei-zhao-weekly-2026-11-23')],
    );
    // His daily log of November 30th is written but not handed in yet.
    await tx.execute(
      `insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, progress, plan, deadline_at)
       select gen_random_uuid(), u.id, u.unit_id, 'DAILY', '2026-11-30', '2026-11-30', '拜访临港客户，讨论报价', '明天提交报价审批',
              salesgraph_report_deadline('DAILY', u.role, '2026-11-30', ?)
         from app_user u where u.id = ?
       on conflict (author_id, kind, period_start) where kind <> 'IMPORTANT_MATTER'
       do update set status = 'DRAFT', submitted_at = null, late = false, reviewed_by_id = null, reviewed_at = null, review_comment = null, score = null`,
      [zone, leiZhao],
    );
    // An important matter up the line, acknowledged by his manager.
    const matter = demoId('work-report:lei-zhao-important-2026-11-20');
    await tx.execute(
      `insert into work_report (id, author_id, org_unit_id, kind, period_start, period_end, title, analysis, status, submitted_at)
       select ?, u.id, u.unit_id, 'IMPORTANT_MATTER', '2026-11-20', '2026-11-20', '重点客户流失风险', '竞品对临港项目报价低 15 %，客户考虑更换供应商。',
              'SUBMITTED', ('2026-11-20 16:30'::timestamp at time zone ?)
         from app_user u where u.id = ?`,
      [matter, zone, leiZhao],
    );
    await tx.execute(
      `insert into work_report_acknowledgement (report_id, user_id, acknowledged_at, comment) values (?, ?, ('2026-11-20 18:00'::timestamp at time zone ?), '已阅，明天一起拜访客户')`,
      [matter, manager, zone],
    );
    // Two meetings with action items.
    const team = [shanghai1.manager, ...shanghai1.reps].map(user);
    const directors = [east.director, shanghai1.manager, shanghai2.manager, hangzhou.manager].map(user);
    const teamMeeting = demoId('meeting:east-sh1-2026-11-02');
    const directorMeeting = demoId('meeting:east-2026-11-30');
    await tx.execute(
      `insert into meeting (id, kind, org_unit_id, held_on, title, minutes, attendee_ids, created_by_id) values
         (?, 'TEAM', ?, '2026-11-02', '上海一组周例会', '回顾上周拜访和报价；本月重点：临港项目、年底回款。', ?::uuid[], ?),
         (?, 'DIRECTOR', ?, '2026-11-30', '华东大区月度例会', '11 月目标完成情况；12 月冲刺计划；竞品降价应对。', ?::uuid[], ?)`,
      [
        teamMeeting,
        demoId(`unit:${shanghai1.key}`),
        `{${team.join(',')}}`,
        user(shanghai1.manager),
        directorMeeting,
        demoId(`unit:${east.key}`),
        `{${directors.join(',')}}`,
        user(east.director),
      ],
    );
    await tx.execute(
      `insert into meeting_action_item (id, meeting_id, position, description, owner_id, due_on, status, done_at) values
         (gen_random_uuid(), ?, 1, '整理重点客户拜访计划', ?, '2026-11-06', 'DONE', ('2026-11-05 17:00'::timestamp at time zone ?)),
         (gen_random_uuid(), ?, 2, '跟进临港项目报价审批', ?, '2026-12-11', 'OPEN', null),
         (gen_random_uuid(), ?, 1, '提交 12 月团队冲刺计划', ?, '2026-12-04', 'OPEN', null),
         (gen_random_uuid(), ?, 2, '汇总竞品价格并提出应对方案', ?, '2026-12-15', 'OPEN', null)`,
      [teamMeeting, team[1], zone, teamMeeting, team[2], directorMeeting, directors[1], directorMeeting, directors[3]],
    );
  });
  return true;
}
