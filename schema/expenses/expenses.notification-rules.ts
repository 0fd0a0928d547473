import type { NotificationRuleSql } from '../notifications/notification-rules';

/**
 * The expense notifications, over the claim tables alone (the runner inserts with `on conflict do nothing`, so a rule
 * yields the same rows every hour and each recipient still gets one notification per cause):
 * - APPROVAL_WAITING: the approver of a submitted claim's current step; cause `expense:<claimId>:<round>.<position>`,
 *   so a claim resubmitted (a new round) or moved on to the next step asks again.
 * - EXPENSE_RETURNED: the claimant of a returned claim; cause `expense:<claimId>:returned:<round>` (a claim is returned
 *   at most once per round: resubmitting starts the next).
 * - EXPENSE_PAID: the claimant of a paid claim; cause `expense:<claimId>:paid`.
 * Amounts are strings, dates local to the company's zone.
 */
export const EXPENSE_NOTIFICATION_RULES: NotificationRuleSql[] = [
  {
    kind: 'APPROVAL_WAITING',
    sql: `select s.approver_id as recipient_id,
                 'expense:' || c.id || ':' || s.round || '.' || s.position as cause,
                 'ExpenseClaim' as subject_type, c.id as subject_id, null::timestamptz as due_at,
                 jsonb_build_object('subject', 'EXPENSE_CLAIM', 'claimNumber', c.number, 'title', c.title,
                                    'claimantId', c.claimant_id, 'claimantName', u.name, 'totalAmount', c.total_amount::text,
                                    'currency', c.currency, 'overBudget', c.over_budget, 'round', s.round, 'step', s.position,
                                    'submittedOn', to_char(c.submitted_at at time zone $2::text, 'YYYY-MM-DD')) as params
            from expense_approval_step s
            join expense_claim c on c.id = s.claim_id and c.status = 'SUBMITTED' and c.approval_round = s.round
            join app_user u on u.id = c.claimant_id
           where s.status = 'PENDING' and s.updated_at <= $1::timestamptz`,
  },
  {
    kind: 'EXPENSE_RETURNED',
    sql: `select c.claimant_id as recipient_id,
                 'expense:' || c.id || ':returned:' || c.approval_round as cause,
                 'ExpenseClaim' as subject_type, c.id as subject_id, null::timestamptz as due_at,
                 jsonb_build_object('claimNumber', c.number, 'title', c.title, 'reason', c.return_reason,
                                    'returnedById', c.returned_by_id, 'returnedByName', r.name, 'totalAmount', c.total_amount::text,
                                    'currency', c.currency, 'returnedOn', to_char(c.returned_at at time zone $2::text, 'YYYY-MM-DD')) as params
            from expense_claim c
            left join app_user r on r.id = c.returned_by_id
           where c.status = 'RETURNED' and c.returned_at <= $1::timestamptz`,
  },
  {
    kind: 'EXPENSE_PAID',
    sql: `select c.claimant_id as recipient_id,
                 'expense:' || c.id || ':paid' as cause,
                 'ExpenseClaim' as subject_type, c.id as subject_id, null::timestamptz as due_at,
                 jsonb_build_object('claimNumber', c.number, 'title', c.title, 'totalAmount', c.total_amount::text,
                                    'currency', c.currency, 'paidOn', c.paid_on::text, 'paymentReference', c.payment_reference,
                                    'recordedOn', to_char(c.updated_at at time zone $2::text, 'YYYY-MM-DD')) as params
            from expense_claim c
           where c.status = 'PAID' and c.updated_at <= $1::timestamptz`,
  },
];
