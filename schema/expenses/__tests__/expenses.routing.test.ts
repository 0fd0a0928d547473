import Decimal from 'decimal.js';
import { Role } from '../../org/org.enums';
import { stepsFor, type ChainHead } from '../expenses.routing';

const head = (role: Role, limit: string, aboveUnit: boolean): ChainHead => ({
  user_id: role,
  role,
  unit_id: `${role}-unit`,
  depth: aboveUnit ? 1 : 2,
  above_unit: aboveUnit,
  limit: new Decimal(limit),
});

/** A rep's chain: the team's manager (the rep's own unit), the region's director, the company's VP. */
const REP_CHAIN = [head(Role.TEAM_MANAGER, '10000', false), head(Role.REGIONAL_DIRECTOR, '50000', true), head(Role.SALES_VP, '200000', true)];
const roles = (steps: ReturnType<typeof stepsFor>) => steps?.map((step) => [step.head.role, step.forBudget]);

describe('stepsFor', () => {
  it('stops at the first head whose limit covers the amount', () => {
    expect(roles(stepsFor(REP_CHAIN, new Decimal('10000'), false))).toEqual([[Role.TEAM_MANAGER, false]]);
    expect(roles(stepsFor(REP_CHAIN, new Decimal('10000.01'), false))).toEqual([[Role.TEAM_MANAGER, false], [Role.REGIONAL_DIRECTOR, false]]);
    expect(roles(stepsFor(REP_CHAIN, new Decimal('60000'), false))).toEqual([[Role.TEAM_MANAGER, false], [Role.REGIONAL_DIRECTOR, false], [Role.SALES_VP, false]]);
  });

  it('over budget, reaches the level above the claimant’s unit, marking the steps it added', () => {
    expect(roles(stepsFor(REP_CHAIN, new Decimal('500'), true))).toEqual([[Role.TEAM_MANAGER, false], [Role.REGIONAL_DIRECTOR, true]]);
    // The director is there for the amount already: nothing to add.
    expect(roles(stepsFor(REP_CHAIN, new Decimal('20000'), true))).toEqual([[Role.TEAM_MANAGER, false], [Role.REGIONAL_DIRECTOR, false]]);
  });

  it('refuses an amount nobody covers, and a claimant without a chain', () => {
    expect(stepsFor(REP_CHAIN, new Decimal('200000.01'), false)).toBeNull();
    expect(stepsFor([], new Decimal('1'), false)).toBeNull();
  });
});
