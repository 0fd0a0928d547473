import { followUpStatusSql } from './follow-up-status.sql';

import type { NotificationRuleSql } from '../notifications/notification-rules';

/** The company's calendar date at $1. */
const TODAY = `($1::timestamptz at time zone $2::text)::date`;

/**
 * NEXT_STEP_DUE: an open opportunity whose next-step date (its own, or its latest follow-up's, which it keeps) is
 * today or past, to its owner. The cause carries the date, so a step moved to a later day reminds again.
 * Params: opportunityName, customerName, nextStep, nextStepDate (YYYY-MM-DD).
 */
const NEXT_STEP_DUE = `
  select o.owner_id as recipient_id,
         'opportunity:' || o.id || ':next-step:' || o.next_step_date as cause,
         'Opportunity' as subject_type, o.id as subject_id,
         (o.next_step_date::timestamp at time zone $2::text) as due_at,
         jsonb_build_object('opportunityName', o.name, 'customerName', c.name, 'nextStep', o.next_step, 'nextStepDate', o.next_step_date::text) as params
    from opportunity o
    join customer c on c.id = o.customer_id
    join app_user u on u.id = o.owner_id and u.status = 'ACTIVE'
   where o.next_step_date is not null and o.stage not in ('WON', 'LOST') and o.next_step_date <= ${TODAY}`;

/**
 * VISIT_PLAN_DUE: a PLANNED visit, to its planner, the day before it (any hour of that company day) and on the morning
 * of it (from 07:00 company time until its time). Causes `visit-plan:<id>:day-before` and `visit-plan:<id>:morning`.
 * Params: customerName, purpose, plannedAt (ISO instant), plannedOn (company date), plannedTime (HH:MM company time),
 * moment (DAY_BEFORE or MORNING).
 */
const VISIT_PLAN_DUE = `
  select p.planned_by_id as recipient_id,
         'visit-plan:' || p.id || ':' || replace(lower(p.moment), '_', '-') as cause,
         'VisitPlan' as subject_type, p.id as subject_id, p.planned_at as due_at,
         jsonb_build_object(
           'customerName', c.name, 'purpose', p.purpose,
           'plannedAt', to_char(p.planned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'plannedOn', (p.planned_at at time zone $2::text)::date::text,
           'plannedTime', to_char(p.planned_at at time zone $2::text, 'HH24:MI'),
           'moment', p.moment) as params
    from (
      select vp.*,
             case
               when (vp.planned_at at time zone $2::text)::date = ${TODAY} + 1 then 'DAY_BEFORE'
               when (vp.planned_at at time zone $2::text)::date = ${TODAY}
                    and ($1::timestamptz at time zone $2::text)::time >= time '07:00' then 'MORNING'
             end as moment
        from visit_plan vp
       where vp.status = 'PLANNED' and vp.planned_at > $1::timestamptz and vp.planned_at < $1::timestamptz + interval '3 days'
    ) p
    join customer c on c.id = p.customer_id
    join app_user u on u.id = p.planned_by_id and u.status = 'ACTIVE'
   where p.moment is not null`;

/**
 * KEY_CUSTOMER_UNVISITED: a customer of a tier with a follow-up norm (not served AUTOMATED) whose next contact was
 * due before today (no visit and no logged follow-up within the norm's days), to its owner and its key account
 * manager. Same computation as `Customer.followUpStatus`. The cause carries the due date: after the next contact, a
 * new lapse reminds again. Params: customerName, customerCode, tier, lastVisitOn, lastContactOn (null when never),
 * nextContactDueOn, maxDaysBetweenContacts, daysOverdue.
 */
const KEY_CUSTOMER_UNVISITED = `
  with status as (${followUpStatusSql('$1::timestamptz', '$2::text', `c.tier in (select tier from visit_norm where service_mode <> 'AUTOMATED')`)})
  select r.recipient_id,
         'customer:' || c.id || ':unvisited:' || s.next_contact_due_on as cause,
         'Customer' as subject_type, c.id as subject_id,
         (s.next_contact_due_on::timestamp at time zone $2::text) as due_at,
         jsonb_build_object(
           'customerName', c.name, 'customerCode', c.code, 'tier', s.tier,
           'lastVisitOn', s.last_visit_on::text, 'lastContactOn', s.last_contact_on::text,
           'nextContactDueOn', s.next_contact_due_on::text, 'maxDaysBetweenContacts', s.max_days_between_contacts,
           'daysOverdue', s.today - s.next_contact_due_on) as params
    from status s
    join customer c on c.id = s.customer_id
    cross join lateral (select c.owner_id as recipient_id union select c.key_account_manager_id where c.key_account_manager_id is not null) r
    join app_user u on u.id = r.recipient_id and u.status = 'ACTIVE'
   where s.has_norm and s.service_mode <> 'AUTOMATED' and s.next_contact_due_on < s.today`;

/** The follow-up reminders (B4, C3, F4), run hourly by the notification job; each cause is notified once per recipient. */
export const FOLLOW_UP_NOTIFICATION_RULES: NotificationRuleSql[] = [
  { kind: 'NEXT_STEP_DUE', sql: NEXT_STEP_DUE },
  { kind: 'VISIT_PLAN_DUE', sql: VISIT_PLAN_DUE },
  { kind: 'KEY_CUSTOMER_UNVISITED', sql: KEY_CUSTOMER_UNVISITED },
];
