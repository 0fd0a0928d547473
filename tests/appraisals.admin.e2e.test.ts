import { getContext } from '@keystone-6/core/context';
import type { KeystoneContext } from '@keystone-6/core/types';
import config from '../admin/keystone';
import { people, userId } from './fixtures/demo-people';
import { SCORECARDS } from './graphql/appraisals.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Scorecards are master data of the admin (Keystone over the MikroORM tables): created inactive, given their
 * indicators, activated once the weights add up to 100; the API reads them at once.
 */
// The Prisma client as `keystone build` bundles it (npm test runs `keystone build --frozen --no-ui` first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PrismaModule = require('../admin/.keystone/prisma.js');

let app: TestApp;
let context: KeystoneContext;
let admin: KeystoneContext;

beforeAll(async () => {
  app = await createTestApp();
  process.env.DATABASE_URL = app.orm.config.getClientUrl();
  context = getContext(config, PrismaModule);
  admin = context.withSession({ itemId: userId(people.admin), data: { id: userId(people.admin), role: 'ADMIN', status: 'ACTIVE' } });
});

afterAll(async () => {
  await context.prisma.$disconnect();
  await app.close();
});

const SCORECARD_FIELDS = 'id name role validFrom validTo active mainMetric missThresholdPercent missPeriods indicators { id indicator weight capPercent position } version createdAt updatedAt';

it('a scorecard is created inactive, given weighted indicators, and activated when they add up to 100; the API reads it', async () => {
  await expect(admin.query.Scorecard.createOne({ data: { name: '大客户经理考核表', role: 'KEY_ACCOUNT_MANAGER', validFrom: '2027-01-01', active: true } })).rejects.toThrow(
    /active: create the scorecard inactive, add its indicators, then activate it/,
  );
  const card = await admin.query.Scorecard.createOne({ data: { name: '大客户经理考核表', role: 'KEY_ACCOUNT_MANAGER', validFrom: '2027-01-01', missPeriods: 2, missThresholdPercent: '90' }, query: 'id' });
  const booked = await admin.query.ScorecardIndicator.createOne({ data: { scorecard: { connect: { id: card.id } }, indicator: 'BOOKED_SALES_ACHIEVEMENT', weight: '70', position: 1 }, query: 'id' });
  await admin.query.ScorecardIndicator.createOne({ data: { scorecard: { connect: { id: card.id } }, indicator: 'VISITS_ACHIEVEMENT', weight: '20', capPercent: '110', position: 2 } });
  await expect(admin.query.Scorecard.updateOne({ where: { id: card.id }, data: { active: true } })).rejects.toThrow(/add up to 90.00, not 100/);
  await admin.query.ScorecardIndicator.updateOne({ where: { id: booked.id }, data: { weight: '80' } });
  const active = await admin.query.Scorecard.updateOne({ where: { id: card.id }, data: { active: true }, query: SCORECARD_FIELDS });
  expect(active).toMatchObject({ active: true, role: 'KEY_ACCOUNT_MANAGER', mainMetric: 'BOOKED_SALES', missPeriods: 2, missThresholdPercent: '90.00', version: 2 });
  expect(active.indicators).toHaveLength(2);
  // Changing an active scorecard's weights is refused: deactivate it first.
  await expect(admin.query.ScorecardIndicator.updateOne({ where: { id: booked.id }, data: { weight: '60' } })).rejects.toThrow(/scorecard: is active: deactivate it to change its indicators/);

  const response = await app.gql(SCORECARDS, {}, { token: await app.tokenFor(people.shanghai1Rep.email) });
  expect(response.errors).toBeUndefined();
  expect(response.data!.scorecards.find((scorecard) => scorecard.id === card.id)).toMatchObject({
    role: 'KEY_ACCOUNT_MANAGER',
    active: true,
    missPeriods: 2,
    missThresholdPercent: '90',
    indicators: [
      { indicator: 'BOOKED_SALES_ACHIEVEMENT', weight: '80', capPercent: '120' },
      { indicator: 'VISITS_ACHIEVEMENT', weight: '20', capPercent: '110' },
    ],
  });
});

it('refuses a role that is not appraised, and a weight out of range', async () => {
  await expect(admin.query.Scorecard.createOne({ data: { name: '财务考核表', role: 'FINANCE', validFrom: '2027-01-01' } })).rejects.toThrow();
  const card = await admin.query.Scorecard.createOne({ data: { name: '组长考核表', role: 'TEAM_MANAGER', validFrom: '2027-01-01' }, query: 'id' });
  await expect(admin.query.ScorecardIndicator.createOne({ data: { scorecard: { connect: { id: card.id } }, indicator: 'BOOKED_SALES_ACHIEVEMENT', weight: '120' } })).rejects.toThrow(/weight/);
});
