import { ComplaintSeverity } from './customers.enums';

/** Points a single open complaint takes off the health score, by severity. */
export const COMPLAINT_PENALTY: Record<ComplaintSeverity, number> = {
  [ComplaintSeverity.LOW]: 5,
  [ComplaintSeverity.MEDIUM]: 10,
  [ComplaintSeverity.HIGH]: 15,
  [ComplaintSeverity.CRITICAL]: 25,
};

export interface HealthInputs {
  /** Days since the last visit; null when the customer was never visited. */
  daysSinceLastVisit: number | null;
  /** Open (OPEN or IN_PROGRESS) complaints by severity. */
  openComplaints: Partial<Record<ComplaintSeverity, number>>;
  /** How many of the open complaints are past their SLA due time. */
  overdueComplaints: number;
  /** Average days invoices were paid late (Customer.paymentDelayDays). */
  paymentDelayDays: number;
}

/**
 * The customer health score (客户健康度), 0–100, from the three signals the sales plan names: how recently the
 * customer was visited, open complaints, and payment behaviour.
 *
 *   score = clamp(100 − visit − complaints − payment, 0, 100)
 *   visit      = 0 when the last visit is at most 30 days ago, else min(40, ceil((days − 30) / 3)); 40 if never visited
 *   complaints = min(30, Σ open complaints × (LOW 5, MEDIUM 10, HIGH 15, CRITICAL 25) + 5 per complaint past its SLA)
 *   payment    = min(30, average days paid late)
 */
export function healthScore(inputs: HealthInputs): number {
  const days = inputs.daysSinceLastVisit;
  const visit = days === null ? 40 : days <= 30 ? 0 : Math.min(40, Math.ceil((days - 30) / 3));
  const complaintPoints = Object.entries(inputs.openComplaints).reduce(
    (sum, [severity, count]) => sum + COMPLAINT_PENALTY[severity as ComplaintSeverity] * (count ?? 0),
    5 * inputs.overdueComplaints,
  );
  const complaints = Math.min(30, complaintPoints);
  const payment = Math.min(30, Math.max(0, inputs.paymentDelayDays));
  return Math.max(0, Math.min(100, 100 - visit - complaints - payment));
}
