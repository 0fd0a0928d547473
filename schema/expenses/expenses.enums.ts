import { registerEnumType } from 'type-graphql';

/**
 * DRAFT → SUBMITTED → APPROVED (every step of its round approved) → PAID (finance). An approver or finance may
 * return a claim (RETURNED, with a reason: the claimant edits it and submits it again, a new round) and an approver
 * may reject it (REJECTED, final).
 */
export enum ExpenseClaimStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
}

/** Statuses whose lines count as spent against a budget; SUBMITTED counts as pending. */
export const SPENT_STATUSES: readonly ExpenseClaimStatus[] = [ExpenseClaimStatus.APPROVED, ExpenseClaimStatus.PAID];

/** Statuses in which the claimant may change the claim. */
export const EDITABLE_STATUSES: readonly ExpenseClaimStatus[] = [ExpenseClaimStatus.DRAFT, ExpenseClaimStatus.RETURNED];

registerEnumType(ExpenseClaimStatus, {
  name: 'ExpenseClaimStatus',
  valuesConfig: {
    DRAFT: { description: 'Being written by the claimant.' },
    SUBMITTED: { description: 'Waiting for its approval steps, in turn.' },
    APPROVED: { description: 'Every step approved; finance audits and pays it.' },
    RETURNED: { description: 'Sent back with a reason; the claimant edits and submits it again.' },
    REJECTED: { description: 'Refused by an approver; final.' },
    PAID: { description: 'Paid by finance (paidOn, paymentReference).' },
  },
});
