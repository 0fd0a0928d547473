import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { databaseToday } from '../api/database/today';
import { createLogger } from '../api/logger';
import { Role } from '../schema/org/org.enums';
import { contextActingAs } from '../schema/org/org.service';
import { AppraisalIndicator, AppraisalRecommendation } from '../schema/targets/appraisals.enums';
import { AppraisalsService } from '../schema/targets/appraisals.service';
import { Scorecard, ScorecardIndicator } from '../schema/targets/entities/scorecard.entity';
import { periodContaining } from '../schema/targets/periods';
import { PeriodKind } from '../schema/targets/targets.enums';
import { DEMO_COMPANY } from './demo-company.data';
import { demoId } from './demo-ids';

/** The demo scorecards (valid from 2026): reps are appraised on their own business, heads of units on their unit's money. */
export const DEMO_SCORECARDS: { role: Role; name: string; indicators: [AppraisalIndicator, string][] }[] = [
  {
    role: Role.SALES_REP,
    name: '销售代表考核表',
    indicators: [
      [AppraisalIndicator.BOOKED_SALES_ACHIEVEMENT, '50'],
      [AppraisalIndicator.COLLECTIONS_ACHIEVEMENT, '20'],
      [AppraisalIndicator.NEW_CUSTOMERS_ACHIEVEMENT, '15'],
      [AppraisalIndicator.VISITS_ACHIEVEMENT, '15'],
    ],
  },
  {
    role: Role.KEY_ACCOUNT_MANAGER,
    name: '大客户经理考核表',
    indicators: [
      [AppraisalIndicator.BOOKED_SALES_ACHIEVEMENT, '60'],
      [AppraisalIndicator.COLLECTIONS_ACHIEVEMENT, '25'],
      [AppraisalIndicator.VISITS_ACHIEVEMENT, '15'],
    ],
  },
  {
    role: Role.TEAM_MANAGER,
    name: '销售组长考核表',
    indicators: [
      [AppraisalIndicator.BOOKED_SALES_ACHIEVEMENT, '60'],
      [AppraisalIndicator.COLLECTIONS_ACHIEVEMENT, '30'],
      [AppraisalIndicator.NEW_CUSTOMERS_ACHIEVEMENT, '10'],
    ],
  },
  {
    role: Role.REGIONAL_DIRECTOR,
    name: '销售总监考核表',
    indicators: [
      [AppraisalIndicator.BOOKED_SALES_ACHIEVEMENT, '70'],
      [AppraisalIndicator.COLLECTIONS_ACHIEVEMENT, '30'],
    ],
  },
];

/**
 * The demo scorecards, and last month's appraisals of 上海一组 computed by its manager, with 赵磊's reviewed by him and
 * confirmed by the 华东 director (archived: one `appraisal.finalized`). Through the services, as the API does it.
 */
export async function seedDemoAppraisalsIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(Scorecard)) > 0) return false;
  await em.transactional(async (tx) => {
    for (const demo of DEMO_SCORECARDS) {
      const scorecard = tx.create(Scorecard, { name: demo.name, role: demo.role, validFrom: '2026-01-01', active: true });
      demo.indicators.forEach(([indicator, weight], index) => tx.create(ScorecardIndicator, { scorecard, indicator, weight, position: index + 1 }));
    }
  });
  const [east] = DEMO_COMPANY.regions;
  const [team] = east.teams;
  const log = createLogger('silent');
  const managerContext = await contextActingAs(em.fork(), config, log, demoId(`user:${team.manager.email}`));
  const directorContext = await contextActingAs(em.fork(), config, log, demoId(`user:${east.director.email}`));
  if (managerContext === null || directorContext === null) throw new Error('the demo 上海一组 manager or 华东 director is missing');
  const thisMonth = periodContaining(PeriodKind.MONTH, await databaseToday(em));
  const lastMonth = periodContaining(PeriodKind.MONTH, new Date(Date.parse(`${thisMonth.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  const manager = new AppraisalsService(managerContext);
  const drafts = await manager.runAppraisals({ periodKind: PeriodKind.MONTH, periodStart: lastMonth.start });
  const leiZhao = drafts.find((draft) => draft.user.id === demoId(`user:${team.reps[0].email}`));
  if (leiZhao === undefined) throw new Error('no demo appraisal for 赵磊');
  const reviewed = await manager.review(leiZhao.id, leiZhao.version, { comment: '按计划推进重点客户，回款及时', recommendation: AppraisalRecommendation.NONE });
  const submitted = await manager.submit(reviewed.id, reviewed.version);
  await new AppraisalsService(directorContext).confirm(submitted.id, submitted.version);
  return true;
}
