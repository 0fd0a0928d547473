import { Customer } from '../schema/customers/entities/customer.entity';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from '../schema/pipeline/entities/opportunity-stage-change.entity';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { DEMO_CUSTOMERS, DEMO_OPPORTUNITIES } from '../seeds/demo-sales.data';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  expect(await seedDemoSalesIfEmpty(app.orm)).toBe(true);
});

afterAll(async () => {
  await app.close();
});

describe('the demo sales data', () => {
  it('is seeded once, with every customer and opportunity and a stage history for each', async () => {
    expect(await seedDemoSalesIfEmpty(app.orm)).toBe(false);
    const em = app.orm.em.fork();
    expect(await em.count(Customer)).toBe(DEMO_CUSTOMERS.length);
    expect(await em.count(Opportunity)).toBe(DEMO_OPPORTUNITIES.length);
    const withoutHistory = await em.count(Opportunity, { id: { $nin: (await em.find(OpportunityStageChange, {}, { fields: ['opportunity'] })).map((c) => c.opportunity.id) } });
    expect(withoutHistory).toBe(0);
  });
});
