import { registerEnumType } from 'type-graphql';

/** The sales process (销售流程): lead → contact → needs analysis → proposal → quote and negotiation → won or lost. */
export enum OpportunityStage {
  LEAD = 'LEAD',
  CONTACT = 'CONTACT',
  NEEDS_ANALYSIS = 'NEEDS_ANALYSIS',
  PROPOSAL = 'PROPOSAL',
  NEGOTIATION = 'NEGOTIATION',
  WON = 'WON',
  LOST = 'LOST',
}

/** The open stages in process order. */
export const OPEN_STAGES: readonly OpportunityStage[] = [
  OpportunityStage.LEAD,
  OpportunityStage.CONTACT,
  OpportunityStage.NEEDS_ANALYSIS,
  OpportunityStage.PROPOSAL,
  OpportunityStage.NEGOTIATION,
];

export function isClosedStage(stage: OpportunityStage): boolean {
  return stage === OpportunityStage.WON || stage === OpportunityStage.LOST;
}

/** Win probability (percent) an opportunity gets when it enters a stage, unless its owner sets another. */
export const DEFAULT_PROBABILITY: Record<OpportunityStage, number> = {
  [OpportunityStage.LEAD]: 10,
  [OpportunityStage.CONTACT]: 20,
  [OpportunityStage.NEEDS_ANALYSIS]: 40,
  [OpportunityStage.PROPOSAL]: 60,
  [OpportunityStage.NEGOTIATION]: 80,
  [OpportunityStage.WON]: 100,
  [OpportunityStage.LOST]: 0,
};

export enum LeadSource {
  WEBSITE = 'WEBSITE',
  EXHIBITION = 'EXHIBITION',
  REFERRAL = 'REFERRAL',
  COLD_CALL = 'COLD_CALL',
  PARTNER = 'PARTNER',
  ADVERTISING = 'ADVERTISING',
  OTHER = 'OTHER',
}

export enum LeadStatus {
  NEW = 'NEW',
  ASSIGNED = 'ASSIGNED',
  CONTACTED = 'CONTACTED',
  QUALIFIED = 'QUALIFIED',
  DISQUALIFIED = 'DISQUALIFIED',
  CONVERTED = 'CONVERTED',
}

export enum QuoteStatus {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  ACCEPTED = 'ACCEPTED',
  SUPERSEDED = 'SUPERSEDED',
}

export enum ApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

export enum ApprovalSubject {
  QUOTE_DISCOUNT = 'QUOTE_DISCOUNT',
}

registerEnumType(OpportunityStage, {
  name: 'OpportunityStage',
  description: 'Stages of the sales process. Probability defaults: 10, 20, 40, 60, 80, 100 (won), 0 (lost).',
  valuesConfig: {
    LEAD: { description: 'Qualified lead (线索获取).' },
    CONTACT: { description: 'First contact made (客户接触).' },
    NEEDS_ANALYSIS: { description: 'Needs analysis (需求分析).' },
    PROPOSAL: { description: 'Solution proposed (方案制定).' },
    NEGOTIATION: { description: 'Quote and negotiation (报价与谈判).' },
    WON: { description: 'Won: a quote was accepted.' },
    LOST: { description: 'Lost; lostReason says why.' },
  },
});
registerEnumType(LeadSource, { name: 'LeadSource' });
registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  valuesConfig: {
    NEW: { description: 'Not yet assigned.' },
    ASSIGNED: { description: 'Assigned to a rep.' },
    CONTACTED: { description: 'The rep has reached the contact.' },
    QUALIFIED: { description: 'Worth an opportunity; ready to convert.' },
    DISQUALIFIED: { description: 'Not worth pursuing.' },
    CONVERTED: { description: 'Converted into a customer and an opportunity.' },
  },
});
registerEnumType(QuoteStatus, {
  name: 'QuoteStatus',
  valuesConfig: {
    DRAFT: { description: 'Being prepared, or sent back by an approver.' },
    PENDING_APPROVAL: { description: 'A discount beyond the submitter’s authority awaits approval.' },
    APPROVED: { description: 'Within authority or approved; may be offered to the customer.' },
    ACCEPTED: { description: 'Accepted by the customer; the opportunity is won.' },
    SUPERSEDED: { description: 'Replaced by a newer quote for the same opportunity.' },
  },
});
registerEnumType(ApprovalStatus, { name: 'ApprovalStatus' });
registerEnumType(ApprovalSubject, {
  name: 'ApprovalSubject',
  valuesConfig: { QUOTE_DISCOUNT: { description: 'A quote discount beyond the submitter’s authority.' } },
});
