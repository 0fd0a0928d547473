import { FOLLOW_UP_NOTIFICATION_RULES } from '../customers/follow-up.notification-rules';
import { EXPENSE_NOTIFICATION_RULES } from '../expenses/expenses.notification-rules';
import { REPORT_NOTIFICATION_RULES } from '../reports/reports.notification-rules';
import { NotificationKind } from './notifications.enums';

/** A notification rule: one SELECT yielding the notifications due now. $1 is now (timestamptz), $2 the company time zone (text). */
export interface NotificationRuleSql {
  kind: string; // one of the NotificationKind names below
  sql: string; // columns: recipient_id uuid, cause text, subject_type text, subject_id uuid, due_at timestamptz null, params jsonb
}

/*
 * Besides $1 and $2, a rule may read $3, the settings (jsonb: `leadUnworkedDays`). The company's calendar day now is
 * `($1 at time zone $2)::date`. Every text in params is a string, so the texts render the same in every language.
 * Rules that look at decisions only look back DECIDED_WITHIN, so a first run on an old database does not announce
 * every decision ever made.
 */
const DECIDED_WITHIN = `interval '14 days'`;
const TODAY = `($1 at time zone $2)::date`;
const LOCAL_TIME = (column: string) => `to_char(${column} at time zone $2, 'YYYY-MM-DD HH24:MI')`;

/**
 * A complaint open past its SLA: to whoever handles it (else the customer's owner) and to that person's manager.
 * Once per complaint and recipient: a new handler is told again, the same one never.
 */
const COMPLAINT_SLA_BREACHED: NotificationRuleSql = {
  kind: NotificationKind.COMPLAINT_SLA_BREACHED,
  sql: `select r.recipient_id, 'complaint:' || k.id || ':sla' as cause, 'Complaint' as subject_type, k.id as subject_id, k.sla_due_at as due_at,
               jsonb_build_object('title', k.title, 'customer', c.name, 'severity', k.severity::text, 'handler', a.name,
                                  'slaDueAt', ${LOCAL_TIME('k.sla_due_at')}) as params
          from complaint k
          join customer c on c.id = k.customer_id
          join app_user a on a.id = coalesce(k.handler_id, c.owner_id)
         cross join lateral (values (a.id), (a.manager_id)) as r (recipient_id)
         where k.status in ('OPEN', 'IN_PROGRESS') and k.sla_due_at < $1 and r.recipient_id is not null`,
};

/**
 * A lead with an owner, still open (new, assigned, contacted), unchanged for leadUnworkedDays: to its owner. The cause
 * carries the time of the last change, so a lead worked and then left again is reported again.
 */
const LEAD_UNWORKED: NotificationRuleSql = {
  kind: NotificationKind.LEAD_UNWORKED,
  sql: `select l.owner_id as recipient_id, 'lead:' || l.id || ':unworked:' || floor(extract(epoch from l.updated_at))::bigint as cause,
               'Lead' as subject_type, l.id as subject_id, l.updated_at + make_interval(days => ($3->>'leadUnworkedDays')::int) as due_at,
               jsonb_build_object('company', l.company, 'contact', l.contact_name, 'status', l.status::text,
                                  'days', (($3->>'leadUnworkedDays')::int)::text, 'since', ${LOCAL_TIME('l.updated_at')}) as params
          from lead l
         where l.owner_id is not null and l.status in ('NEW', 'ASSIGNED', 'CONTACTED')
           and l.updated_at < $1 - make_interval(days => ($3->>'leadUnworkedDays')::int)`,
};

/**
 * An invoice past its due date (a company calendar day) and not fully paid: to its owner (the customer's salesperson)
 * and to every active finance user, who collect it. Once per invoice and due date.
 */
const INVOICE_OVERDUE: NotificationRuleSql = {
  kind: NotificationKind.INVOICE_OVERDUE,
  sql: `select r.recipient_id, 'invoice:' || i.id || ':overdue:' || i.due_date as cause, 'Invoice' as subject_type, i.id as subject_id,
               (i.due_date + 1)::timestamp at time zone $2 as due_at,
               jsonb_build_object('number', i.number, 'customer', c.name, 'outstanding', (i.amount - i.paid_amount)::text,
                                  'currency', i.currency, 'dueDate', i.due_date::text, 'daysOverdue', (${TODAY} - i.due_date)::text) as params
          from invoice i
          join customer c on c.id = i.customer_id
         cross join lateral (
               select i.owner_id as recipient_id
               union
               select f.id from app_user f where f.role = 'FINANCE' and f.status = 'ACTIVE'
         ) as r
         where i.status in ('OPEN', 'PARTIALLY_PAID') and i.due_date < ${TODAY}`,
};

/** A quote's discount waits for its approver. */
const QUOTE_APPROVAL_WAITING: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_WAITING,
  sql: `select a.approver_id as recipient_id, 'approval:' || a.id as cause, 'Quote' as subject_type, q.id as subject_id, null::timestamptz as due_at,
               jsonb_build_object('subject', 'QUOTE', 'number', q.number, 'requestedBy', u.name, 'customer', c.name,
                                  'discountPercent', a.discount_percent::text, 'amount', q.total::text, 'currency', q.currency) as params
          from approval_request a
          join quote q on q.id = a.quote_id
          join opportunity o on o.id = q.opportunity_id
          join customer c on c.id = o.customer_id
          join app_user u on u.id = a.requested_by_id
         where a.status = 'PENDING'`,
};

/** A contract's approval step waits for its approver (the step whose turn it is). */
const CONTRACT_APPROVAL_WAITING: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_WAITING,
  sql: `select s.approver_id as recipient_id, 'contract-step:' || s.id as cause, 'Contract' as subject_type, k.id as subject_id, null::timestamptz as due_at,
               jsonb_build_object('subject', 'CONTRACT', 'number', k.number, 'title', k.title, 'requestedBy', u.name, 'customer', c.name,
                                  'amount', k.amount::text, 'currency', k.currency) as params
          from contract_approval_step s
          join contract k on k.id = s.contract_id
          join customer c on c.id = k.customer_id
          join app_user u on u.id = k.owner_id
         where s.status = 'PENDING'`,
};

/** A change of a locked target waits for the head of the next level up. */
const TARGET_ADJUSTMENT_WAITING: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_WAITING,
  sql: `select a.approver_id as recipient_id, 'target-adjustment:' || a.id as cause, 'TargetAdjustment' as subject_type, a.id as subject_id,
               null::timestamptz as due_at,
               jsonb_build_object('subject', 'TARGET_ADJUSTMENT', 'requestedBy', u.name, 'previousValue', a.previous_value::text,
                                  'newValue', a.new_value::text, 'reason', a.reason) as params
          from target_adjustment a
          join app_user u on u.id = a.requested_by_id
         where a.status = 'PENDING' and a.approver_id is not null`,
};

/** A discount approved or rejected: to whoever asked for it. */
const QUOTE_APPROVAL_DECIDED: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_DECIDED,
  sql: `select a.requested_by_id as recipient_id, 'approval:' || a.id || ':decided' as cause, 'Quote' as subject_type, q.id as subject_id,
               null::timestamptz as due_at,
               jsonb_build_object('subject', 'QUOTE', 'number', q.number, 'decision', a.status::text, 'decidedBy', coalesce(d.name, ''),
                                  'comment', coalesce(a.comment, '')) as params
          from approval_request a
          join quote q on q.id = a.quote_id
          left join app_user d on d.id = a.decided_by_id
         where a.status in ('APPROVED', 'REJECTED') and a.decided_at > $1 - ${DECIDED_WITHIN}`,
};

/**
 * A contract's approval round decided: approved by every step, or rejected by one: to the contract's owner. Once per
 * round, so a contract rejected, changed and submitted again is reported again.
 */
const CONTRACT_APPROVAL_DECIDED: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_DECIDED,
  sql: `select k.owner_id as recipient_id, 'contract:' || k.id || ':round:' || s.round || ':decided' as cause, 'Contract' as subject_type,
               k.id as subject_id, null::timestamptz as due_at,
               jsonb_build_object('subject', 'CONTRACT', 'number', k.number, 'title', k.title, 'decision', s.decision,
                                  'decidedBy', coalesce(d.name, ''), 'comment', coalesce(s.comment, '')) as params
          from contract k
          join lateral (
               select st.round, st.approver_id, st.comment,
                      case when st.status = 'REJECTED' then 'REJECTED' else 'APPROVED' end as decision
                 from contract_approval_step st
                where st.contract_id = k.id and st.round = k.approval_round and st.status in ('APPROVED', 'REJECTED')
                  and st.decided_at > $1 - ${DECIDED_WITHIN}
                  and (st.status = 'REJECTED'
                       or not exists (select 1 from contract_approval_step o
                                       where o.contract_id = k.id and o.round = st.round and o.status <> 'APPROVED'))
                order by (st.status = 'REJECTED') desc, st.position desc
                limit 1
          ) s on true
          left join app_user d on d.id = s.approver_id`,
};

/** A target adjustment approved or refused: to whoever asked for it. */
const TARGET_ADJUSTMENT_DECIDED: NotificationRuleSql = {
  kind: NotificationKind.APPROVAL_DECIDED,
  sql: `select a.requested_by_id as recipient_id, 'target-adjustment:' || a.id || ':decided' as cause, 'TargetAdjustment' as subject_type,
               a.id as subject_id, null::timestamptz as due_at,
               jsonb_build_object('subject', 'TARGET_ADJUSTMENT', 'decision', case when a.status = 'APPROVED' then 'APPROVED' else 'REJECTED' end,
                                  'decidedBy', coalesce(d.name, ''), 'newValue', a.new_value::text, 'comment', coalesce(a.comment, '')) as params
          from target_adjustment a
          left join app_user d on d.id = a.decided_by_id
         where a.status in ('APPROVED', 'REFUSED') and a.decided_at > $1 - ${DECIDED_WITHIN}`,
};

/**
 * A contract due for renewal (the contract lifecycle job records the alert): to its owner, once per end date and
 * renewal window, while it is still signed or active and not yet ended.
 */
const RENEWAL_DUE: NotificationRuleSql = {
  kind: NotificationKind.RENEWAL_DUE,
  sql: `select k.owner_id as recipient_id, 'contract:' || k.id || ':renewal:' || a.end_date || ':' || a.window_days as cause,
               'Contract' as subject_type, k.id as subject_id, (a.end_date + 1)::timestamp at time zone $2 as due_at,
               jsonb_build_object('number', k.number, 'title', k.title, 'customer', c.name, 'endDate', a.end_date::text,
                                  'daysLeft', (a.end_date - ${TODAY})::text, 'amount', k.amount::text, 'currency', k.currency) as params
          from contract_renewal_alert a
          join contract k on k.id = a.contract_id and k.end_date = a.end_date
          join customer c on c.id = k.customer_id
         where k.status in ('SIGNED', 'ACTIVE') and a.end_date >= ${TODAY}`,
};

/** The rules over the sales, order-to-cash and target tables. */
export const CORE_NOTIFICATION_RULES: readonly NotificationRuleSql[] = [
  COMPLAINT_SLA_BREACHED,
  LEAD_UNWORKED,
  INVOICE_OVERDUE,
  QUOTE_APPROVAL_WAITING,
  CONTRACT_APPROVAL_WAITING,
  TARGET_ADJUSTMENT_WAITING,
  QUOTE_APPROVAL_DECIDED,
  CONTRACT_APPROVAL_DECIDED,
  TARGET_ADJUSTMENT_DECIDED,
  RENEWAL_DUE,
];

/**
 * Every rule the runner runs, hourly and on demand: a plain list. A module adds its rules by exporting a
 * `NotificationRuleSql[]` from its own `<module>.notification-rules.ts` and spreading it in here.
 */
export const NOTIFICATION_RULES: readonly NotificationRuleSql[] = [
  ...CORE_NOTIFICATION_RULES,
  ...FOLLOW_UP_NOTIFICATION_RULES,
  ...REPORT_NOTIFICATION_RULES,
  ...EXPENSE_NOTIFICATION_RULES,
];

/**
 * Which kinds an outbox event may cause: on such an event the runner runs the rules of those kinds at once instead
 * of at the next hourly run (the unique key keeps it to one notification, whichever run finds it). Extend it with
 * the event types of a module that adds rules.
 */
export const KINDS_BY_EVENT_TYPE: Readonly<Record<string, readonly NotificationKind[]>> = {
  'approval.requested': [NotificationKind.APPROVAL_WAITING],
  'approval.approved': [NotificationKind.APPROVAL_DECIDED],
  'approval.rejected': [NotificationKind.APPROVAL_DECIDED],
  'contract.approvalRequested': [NotificationKind.APPROVAL_WAITING],
  'contract.stepApproved': [NotificationKind.APPROVAL_DECIDED],
  'contract.stepRejected': [NotificationKind.APPROVAL_DECIDED],
  'contract.approved': [NotificationKind.APPROVAL_DECIDED],
  'contract.rejected': [NotificationKind.APPROVAL_DECIDED],
  'contract.renewalDue': [NotificationKind.RENEWAL_DUE],
  'target.adjustmentRequested': [NotificationKind.APPROVAL_WAITING],
  // An approved adjustment changes its target; a refused one writes no event and is found by the hourly run.
  'target.changed': [NotificationKind.APPROVAL_DECIDED],
  'invoice.issued': [NotificationKind.INVOICE_OVERDUE],
  'workReport.reviewed': [NotificationKind.REPORT_REVIEWED],
  'expenseClaim.submitted': [NotificationKind.APPROVAL_WAITING],
  'expenseClaim.approvalRequested': [NotificationKind.APPROVAL_WAITING],
  'expenseClaim.returned': [NotificationKind.EXPENSE_RETURNED],
  'expenseClaim.paid': [NotificationKind.EXPENSE_PAID],
};
