import { registerEnumType } from 'type-graphql';

/** ABC classification (ABC 分类): how much attention and resource a customer gets. */
export enum CustomerTier {
  A = 'A',
  B = 'B',
  C = 'C',
}

/** Where the relationship stands (客户生命周期). */
export enum LifecycleStage {
  PROSPECT = 'PROSPECT',
  DEVELOPING = 'DEVELOPING',
  STABLE = 'STABLE',
  DECLINING = 'DECLINING',
  CHURNED = 'CHURNED',
}

/** A contact's part in buying decisions. */
export enum DecisionRole {
  DECISION_MAKER = 'DECISION_MAKER',
  INFLUENCER = 'INFLUENCER',
  TECHNICAL_EVALUATOR = 'TECHNICAL_EVALUATOR',
  PURCHASER = 'PURCHASER',
  USER = 'USER',
  GATEKEEPER = 'GATEKEEPER',
}

export enum ComplaintSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum ComplaintStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}

/** A visit form (走访表) made alone, or a joint visit form (协访表) with a manager. */
export enum VisitKind {
  SOLO = 'SOLO',
  ACCOMPANIED = 'ACCOMPANIED',
}

/** Hours from opening to the SLA due time, per severity. */
export const COMPLAINT_SLA_HOURS: Record<ComplaintSeverity, number> = {
  [ComplaintSeverity.CRITICAL]: 4,
  [ComplaintSeverity.HIGH]: 24,
  [ComplaintSeverity.MEDIUM]: 72,
  [ComplaintSeverity.LOW]: 168,
};

registerEnumType(CustomerTier, {
  name: 'CustomerTier',
  description: 'ABC classification of customers.',
  valuesConfig: {
    A: { description: 'Strategic: the key accounts, served by key account managers and directors.' },
    B: { description: 'Potential: customers with room to grow.' },
    C: { description: 'Long tail: served efficiently, mostly through standard channels.' },
  },
});
registerEnumType(LifecycleStage, {
  name: 'LifecycleStage',
  valuesConfig: {
    PROSPECT: { description: 'Not yet a buyer (潜在客户).' },
    DEVELOPING: { description: 'First orders, relationship forming (形成期).' },
    STABLE: { description: 'Regular buyer (稳定期).' },
    DECLINING: { description: 'Buying less; needs attention (退化期).' },
    CHURNED: { description: 'No longer buying (流失).' },
  },
});
registerEnumType(DecisionRole, { name: 'DecisionRole', description: 'A contact’s part in buying decisions.' });
registerEnumType(ComplaintSeverity, {
  name: 'ComplaintSeverity',
  description: 'Sets the SLA: CRITICAL 4 h, HIGH 24 h, MEDIUM 72 h, LOW 7 days from opening.',
});
registerEnumType(ComplaintStatus, { name: 'ComplaintStatus' });
registerEnumType(VisitKind, {
  name: 'VisitKind',
  valuesConfig: {
    SOLO: { description: 'A visit by the rep alone (走访).' },
    ACCOMPANIED: { description: 'A joint visit with a manager (协访).' },
  },
});
