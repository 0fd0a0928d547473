import type { NotificationRuleSql } from '../notifications/notification-rules';

/** An instant as an ISO string in UTC, whatever the session's time zone. */
const iso = (expression: string): string => `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** An instant as wall-clock time in the company's zone ($2), for the message. */
const local = (expression: string): string => `to_char(${expression} at time zone $2::text, 'YYYY-MM-DD HH24:MI')`;

/**
 * Every period of every kind each active person files (a row in `report_deadline` for their role) whose deadline lies
 * within about a week before or a day after now, with that deadline and the person's report if any. Periods that ended
 * before the person was hired, and weekends for daily logs, are left out. The rules below keep the deadlines their notification is about.
 */
const DEADLINES_CTE = `
  with now_local as (select ($1::timestamptz at time zone $2::text) as t),
  due as (
    select u.id as user_id, u.name as user_name, u.unit_id, d.kind, g::date as period_start,
           salesgraph_report_deadline_at(d.kind, g::date, d.due_after_minutes, $2::text) as deadline_at
      from app_user u
      join report_deadline d on d.role = u.role
      cross join now_local n
      cross join lateral generate_series(
        salesgraph_report_period_start(d.kind, (n.t - make_interval(mins => greatest(d.due_after_minutes, 0)) - interval '8 days')::date)::timestamp,
        salesgraph_report_period_start(d.kind, (n.t + interval '2 days' - make_interval(mins => least(d.due_after_minutes, 0)))::date)::timestamp,
        salesgraph_report_period_step(d.kind)) g
     where u.status = 'ACTIVE' and salesgraph_report_period_required(d.kind, g::date)
       and (u.hire_date is null or salesgraph_report_period_end(d.kind, g::date) >= u.hire_date)
  )`;

const PERIOD_PARAMS = `'kind', d.kind, 'periodStart', d.period_start::text, 'periodEnd', salesgraph_report_period_end(d.kind, d.period_start)::text,
  'deadlineAt', ${iso('d.deadline_at')}, 'deadlineLocal', ${local('d.deadline_at')}, 'timeZone', $2::text, 'reportId', r.id`;

/**
 * REPORT_DUE: a report whose deadline is within the next 24 hours and that is not handed in (none, or a draft), to
 * its author. Cause `report:<authorId>:<kind>:<periodStart>:due` (the report may not exist yet); the subject is the
 * report when a draft exists, else the author (`User`).
 */
const REPORT_DUE_SQL = `${DEADLINES_CTE}
  select d.user_id as recipient_id,
         'report:' || d.user_id || ':' || d.kind || ':' || d.period_start || ':due' as cause,
         case when r.id is null then 'User' else 'WorkReport' end as subject_type,
         coalesce(r.id, d.user_id) as subject_id,
         d.deadline_at as due_at,
         jsonb_build_object(${PERIOD_PARAMS}) as params
    from due d
    left join work_report r on r.author_id = d.user_id and r.kind = d.kind and r.period_start = d.period_start
   where d.deadline_at > $1::timestamptz and d.deadline_at <= $1::timestamptz + interval '24 hours'
     and (r.id is null or r.status = 'DRAFT')`;

/**
 * REPORT_LATE: a deadline passed within the last 7 days and the report was not handed in by then (missing, a draft,
 * or submitted late), to the author and to their manager (the head of the nearest unit above them who is not
 * themself). Cause `report:<authorId>:<kind>:<periodStart>:late`, the same for a report missing now and handed in late
 * later, so each recipient hears of one period once.
 */
const REPORT_LATE_SQL = `${DEADLINES_CTE}
  select rcpt.recipient_id,
         'report:' || d.user_id || ':' || d.kind || ':' || d.period_start || ':late' as cause,
         case when r.id is null then 'User' else 'WorkReport' end as subject_type,
         coalesce(r.id, d.user_id) as subject_id,
         d.deadline_at as due_at,
         jsonb_build_object(${PERIOD_PARAMS}, 'authorId', d.user_id, 'authorName', d.user_name, 'recipientRole', rcpt.recipient_role,
                            'missing', r.id is null or r.status = 'DRAFT') as params
    from due d
    left join work_report r on r.author_id = d.user_id and r.kind = d.kind and r.period_start = d.period_start
    left join lateral (
      select ou.head_id from org_unit own join org_unit ou on own.path like ou.path || '%'
       where own.id = d.unit_id and ou.head_id is not null and ou.head_id <> d.user_id
       order by ou.depth desc limit 1) m on true
    cross join lateral (values (d.user_id, 'AUTHOR'), (m.head_id, 'MANAGER')) rcpt(recipient_id, recipient_role)
   where d.deadline_at <= $1::timestamptz and d.deadline_at > $1::timestamptz - interval '7 days'
     and (r.id is null or r.status = 'DRAFT' or r.late)
     and rcpt.recipient_id is not null`;

/** REPORT_REVIEWED: a report reviewed within the last 7 days, to its author. Cause `report:<reportId>:reviewed`. */
const REPORT_REVIEWED_SQL = `
  select r.author_id as recipient_id, 'report:' || r.id || ':reviewed' as cause, 'WorkReport' as subject_type, r.id as subject_id,
         null::timestamptz as due_at,
         jsonb_build_object('kind', r.kind, 'periodStart', r.period_start::text, 'periodEnd', r.period_end::text, 'title', r.title,
                            'reviewerId', r.reviewed_by_id, 'reviewerName', u.name, 'score', r.score, 'late', r.late,
                            'reviewedAt', ${iso('r.reviewed_at')}, 'reviewedLocal', ${local('r.reviewed_at')}, 'timeZone', $2::text) as params
    from work_report r join app_user u on u.id = r.reviewed_by_id
   where r.status = 'REVIEWED' and r.reviewed_at <= $1::timestamptz and r.reviewed_at > $1::timestamptz - interval '7 days'`;

/**
 * ACTION_ITEM_DUE: an open meeting action item due today or tomorrow (company time), or overdue by up to 7 days, to
 * its owner. Cause `action-item:<itemId>:due`; due at the end of its due day.
 */
const ACTION_ITEM_DUE_SQL = `
  select i.owner_id as recipient_id, 'action-item:' || i.id || ':due' as cause, 'MeetingActionItem' as subject_type, i.id as subject_id,
         ((i.due_on + 1)::timestamp at time zone $2::text) as due_at,
         jsonb_build_object('description', i.description, 'dueOn', i.due_on::text, 'meetingId', m.id, 'meetingTitle', m.title,
                            'meetingKind', m.kind, 'heldOn', m.held_on::text, 'timeZone', $2::text) as params
    from meeting_action_item i join meeting m on m.id = i.meeting_id
   where i.status = 'OPEN'
     and i.due_on between ($1::timestamptz at time zone $2::text)::date - 7 and ($1::timestamptz at time zone $2::text)::date + 1`;

/** The work reports' notification rules (run hourly by the notifications module). */
export const REPORT_NOTIFICATION_RULES: NotificationRuleSql[] = [
  { kind: 'REPORT_DUE', sql: REPORT_DUE_SQL },
  { kind: 'REPORT_LATE', sql: REPORT_LATE_SQL },
  { kind: 'REPORT_REVIEWED', sql: REPORT_REVIEWED_SQL },
  { kind: 'ACTION_ITEM_DUE', sql: ACTION_ITEM_DUE_SQL },
];
