import { getContext } from '@keystone-6/core/context';
import type { KeystoneContext } from '@keystone-6/core/types';
import config from '../admin/keystone';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { demoId } from '../seeds/demo-ids';
import { people, userId } from './fixtures/demo-people';
import { CUSTOMERS_FOLLOW_UP_STATUS } from './graphql/follow-up.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The follow-up master data in the admin (Keystone over the MikroORM tables): a tier's follow-up norm (days between
 * contacts, service mode) and a customer's site coordinates. The API reads what the admin saved at once.
 */
// The Prisma client as `keystone build` bundles it (npm test runs `keystone build --frozen --no-ui` first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PrismaModule = require('../admin/.keystone/prisma.js');

let app: TestApp;
let context: KeystoneContext;
let admin: KeystoneContext;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  process.env.DATABASE_URL = app.orm.config.getClientUrl();
  context = getContext(config, PrismaModule);
  admin = context.withSession({ itemId: userId(people.admin), data: { id: userId(people.admin), role: 'ADMIN', status: 'ACTIVE' } });
}, 120_000);

afterAll(async () => {
  await context.prisma.$disconnect();
  await app.close();
});

const baosteel = demoId('customer:baosteel-precision');

it('an admin sets a tier’s follow-up norm; the API’s follow-up status uses it', async () => {
  const norm = await admin.query.VisitNorm.findOne({ where: { tier: 'A' }, query: 'id version maxDaysBetweenContacts serviceMode' });
  // The column defaults (the demo follow-up seeder sets the demo's own norms).
  expect(norm).toMatchObject({ maxDaysBetweenContacts: 30, serviceMode: 'REGULAR' });
  const updated = await admin.query.VisitNorm.updateOne({ where: { id: norm.id }, data: { maxDaysBetweenContacts: 10, serviceMode: 'DEDICATED_TEAM' }, query: 'version' });
  expect(updated.version).toBe(norm.version + 1);
  await expect(admin.query.VisitNorm.updateOne({ where: { id: norm.id }, data: { maxDaysBetweenContacts: 0 } })).rejects.toThrow(/maxDaysBetweenContacts/);
  const response = await app.gql(CUSTOMERS_FOLLOW_UP_STATUS, { first: 1, filter: { search: '宝钢' } }, { token: await app.tokenFor(people.admin.email) });
  expect(response.data!.customers.nodes[0].followUpStatus).toMatchObject({ tier: 'A', maxDaysBetweenContacts: 10, serviceMode: 'DEDICATED_TEAM' });
});

it('an admin sets a customer’s coordinates, both or neither; customers are neither created nor deleted there', async () => {
  const every = await admin.query.Customer.findMany({ take: 3, query: 'id code name latitude longitude version createdAt updatedAt' });
  expect(every).toHaveLength(3);
  const before = await admin.query.Customer.findOne({ where: { id: baosteel }, query: 'code name version latitude longitude' });
  expect(before).toMatchObject({ name: '上海宝钢精密机械有限公司', latitude: null, longitude: null });
  await expect(admin.query.Customer.updateOne({ where: { id: baosteel }, data: { latitude: 31.4 } })).rejects.toThrow(/latitude and longitude go together/);
  await expect(admin.query.Customer.updateOne({ where: { id: baosteel }, data: { latitude: 91, longitude: 121 } })).rejects.toThrow(/latitude/);
  const saved = await admin.query.Customer.updateOne({ where: { id: baosteel }, data: { latitude: 31.4002, longitude: 121.4513 }, query: 'version latitude longitude' });
  expect(saved).toEqual({ version: before.version + 1, latitude: 31.4002, longitude: 121.4513 });
  await expect(admin.query.Customer.createOne({ data: { code: 'C999999', name: 'x' } })).rejects.toThrow();
  const response = await app.gql(CUSTOMERS_FOLLOW_UP_STATUS, { first: 1, filter: { search: '宝钢' } }, { token: await app.tokenFor(people.shanghai1Rep.email) });
  expect(response.data!.customers.nodes[0]).toMatchObject({ latitude: 31.4002, longitude: 121.4513 });
});
