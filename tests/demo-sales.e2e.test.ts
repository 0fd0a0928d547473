import { Customer } from '../schema/customers/entities/customer.entity';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from '../schema/pipeline/entities/opportunity-stage-change.entity';
import { ApprovalRequest } from '../schema/pipeline/entities/approval-request.entity';
import { Quote } from '../schema/pipeline/entities/quote.entity';
import { ApprovalStatus, OpportunityStage, QuoteStatus } from '../schema/pipeline/pipeline.enums';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { DEMO_CUSTOMERS, DEMO_OPPORTUNITIES } from '../seeds/demo-sales.data';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  expect(await seedDemoSalesIfEmpty(app.orm, app.config)).toBe(true);
});

afterAll(async () => {
  await app.close();
});

describe('the demo sales data', () => {
  it('is seeded once, with every customer and opportunity and a stage history for each', async () => {
    expect(await seedDemoSalesIfEmpty(app.orm, app.config)).toBe(false);
    const em = app.orm.em.fork();
    expect(await em.count(Customer)).toBe(DEMO_CUSTOMERS.length);
    expect(await em.count(Opportunity)).toBe(DEMO_OPPORTUNITIES.length);
    const withoutHistory = await em.count(Opportunity, { id: { $nin: (await em.find(OpportunityStageChange, {}, { fields: ['opportunity'] })).map((c) => c.opportunity.id) } });
    expect(withoutHistory).toBe(0);
  });

  it('has its quotes made through the quote service: one awaiting the team manager, one approved by a director, one won', async () => {
    const em = app.orm.em.fork();
    const quotes = await em.find(Quote, {}, { populate: ['opportunity'], orderBy: { number: 'asc' } });
    expect(quotes.map((quote) => [quote.opportunity.name, quote.status])).toEqual([
      ['宝钢精密 2027 年度传感器框架', QuoteStatus.PENDING_APPROVAL],
      ['宝钢精密 冷轧线 PLC 改造', QuoteStatus.ACCEPTED],
      ['白云电器 开关柜测温项目', QuoteStatus.APPROVED],
      ['燕山石化 雷达液位计更新', QuoteStatus.APPROVED],
    ]);
    const approvals = await em.find(ApprovalRequest, {}, { populate: ['approver'], orderBy: { createdAt: 'asc' } });
    expect(approvals.map((request) => [request.approver.name, request.status])).toEqual([
      ['黄伟', ApprovalStatus.PENDING],
      ['曾庆丰', ApprovalStatus.APPROVED],
    ]);
    const won = await em.findOneOrFail(Opportunity, { name: '宝钢精密 冷轧线 PLC 改造' });
    expect(won.stage).toBe(OpportunityStage.WON);
    expect(won.amount).toBe(quotes[1].total);
  });
});
