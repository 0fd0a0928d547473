import { ComplaintSeverity } from '../customers.enums';
import { healthScore } from '../health-score';

const healthy = { daysSinceLastVisit: 10, openComplaints: {}, overdueComplaints: 0, paymentDelayDays: 0 };

describe('the customer health score', () => {
  it('is 100 for a customer visited this month, without open complaints, paying on time', () => {
    expect(healthScore(healthy)).toBe(100);
  });

  it('loses a point for every three days beyond 30 since the last visit, at most 40', () => {
    expect(healthScore({ ...healthy, daysSinceLastVisit: 30 })).toBe(100);
    expect(healthScore({ ...healthy, daysSinceLastVisit: 31 })).toBe(99);
    expect(healthScore({ ...healthy, daysSinceLastVisit: 60 })).toBe(90);
    expect(healthScore({ ...healthy, daysSinceLastVisit: 500 })).toBe(60);
    expect(healthScore({ ...healthy, daysSinceLastVisit: null })).toBe(60);
  });

  it('loses points per open complaint by severity, five more for each past its SLA, at most 30', () => {
    expect(healthScore({ ...healthy, openComplaints: { [ComplaintSeverity.HIGH]: 1 } })).toBe(85);
    expect(healthScore({ ...healthy, openComplaints: { [ComplaintSeverity.HIGH]: 1 }, overdueComplaints: 1 })).toBe(80);
    expect(healthScore({ ...healthy, openComplaints: { [ComplaintSeverity.CRITICAL]: 2 } })).toBe(70);
  });

  it('loses a point per day of late payment, at most 30, and never drops below 0', () => {
    expect(healthScore({ ...healthy, paymentDelayDays: 12 })).toBe(88);
    expect(healthScore({ daysSinceLastVisit: null, openComplaints: { [ComplaintSeverity.CRITICAL]: 3 }, overdueComplaints: 3, paymentDelayDays: 90 })).toBe(0);
  });
});
