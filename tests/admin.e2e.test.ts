import { getContext } from '@keystone-6/core/context';
import type { KeystoneContext } from '@keystone-6/core/types';
import config from '../admin/keystone';
import { demoId } from '../seeds/demo-ids';
import { PARTNER_VIEW as PARTNER_REGIONS, PRICE_LIST_ENTRIES, PRODUCTS, USER_PERSONAL_FIELDS } from './graphql/documents';
import { SCORECARDS } from './graphql/appraisals.documents';
import { catalog, people, units, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';
import { COMMISSION_PLANS_WITH_TERMS } from './graphql/commissions.documents';
import { REPORT_COMPLIANCE, REPORT_DEADLINES } from './graphql/reports.documents';
import { EXPENSE_CATEGORIES } from './graphql/expenses.documents';

/**
 * Every admin list driven through Keystone against the migrated database: a migration that breaks the mapping
 * (a renamed column, a changed enum type) fails here. Each list is written and every field read back.
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

const ALL_FIELDS: Record<string, string> = {
  User: 'id name englishName email phone password { isSet } role status unit { id } manager { id } distributor { id } hireDate version createdAt updatedAt',
  OrgUnit: 'id name englishName kind parent { id } head { id } path depth version createdAt updatedAt',
  Distributor: 'id code name englishName status contractStart contractEnd creditLimit regions { id } createdAt updatedAt',
  ProductLine: 'id code name englishName description active productsCount version createdAt updatedAt',
  Product: 'id sku name englishName unit productLine { id } status unitCost specification version createdAt updatedAt',
  PriceList: 'id name currency channel region { id } validFrom validTo active entriesCount version createdAt updatedAt',
  PriceListEntry: 'id priceList { id } product { id } listPrice floorPrice quantityBreaks version createdAt updatedAt',
  ApprovalLimit: 'id role maxDiscountPercent maxContractAmount maxExpenseAmount currency version createdAt updatedAt',
  CommissionPlan:
    'id name validFrom validTo active basisMetric appliesToRoles capAmount capPercentOfTarget teamAwardKind teamAwardValue teamAwardSplit tiers { id } assignees { id } version createdAt updatedAt',
  CommissionTier: 'id plan { id } achievementFrom achievementTo ratePercent createdAt',
  VisitNorm: 'id tier visitsPerMonth maxDaysBetweenContacts serviceMode version createdAt updatedAt',
  Scorecard: 'id name role validFrom validTo active mainMetric missThresholdPercent missPeriods indicators { id } version createdAt updatedAt',
  ScorecardIndicator: 'id scorecard { id } indicator weight capPercent position createdAt',
  ReportDeadline: 'id kind role dueAfterMinutes dueAfter description version createdAt updatedAt',
  ExpenseCategory: 'id code name nameEn position active version createdAt updatedAt',
};

// Before the reading of every list: the test template has no scorecards, so the admin makes the first one here.
describe('an admin sets up a scorecard (KPI weights), and the API reads it', () => {
  let scorecardId: string;

  it('creates it inactive, then its weighted indicators', async () => {
    const card = await admin.query.Scorecard.createOne({
      data: { name: '后台考核表', role: 'SALES_REP', validFrom: '2027-01-01', mainMetric: 'COLLECTIONS', missThresholdPercent: '90', missPeriods: 2 },
      query: 'id active role',
    });
    expect(card).toMatchObject({ active: false, role: 'SALES_REP' });
    scorecardId = card.id;
    for (const [indicator, weight, position] of [
      ['BOOKED_SALES_ACHIEVEMENT', '60', 0],
      ['COLLECTIONS_ACHIEVEMENT', '30', 1],
    ] as const) {
      await admin.query.ScorecardIndicator.createOne({ data: { scorecard: { connect: { id: scorecardId } }, indicator, weight, position } });
    }
  });

  it('refuses to activate it while the weights do not add up to 100, naming the field', async () => {
    await expect(admin.query.Scorecard.updateOne({ where: { id: scorecardId }, data: { active: true } })).rejects.toThrow(
      /active: the weights of its indicators add up to 90.00, not 100/,
    );
    await expect(admin.query.Scorecard.createOne({ data: { name: 'x', role: 'SALES_REP', validFrom: '2027-01-01', active: true } })).rejects.toThrow(
      /active: create the scorecard inactive, add its indicators, then activate it/,
    );
  });

  it('activates it at 100, then refuses changes to its lines until it is deactivated', async () => {
    await admin.query.ScorecardIndicator.createOne({
      data: { scorecard: { connect: { id: scorecardId } }, indicator: 'VISITS_ACHIEVEMENT', weight: '10', capPercent: '150', position: 2 },
    });
    const active = await admin.query.Scorecard.updateOne({ where: { id: scorecardId }, data: { active: true }, query: 'active version' });
    expect(active).toEqual({ active: true, version: 2 });
    const [line] = await admin.query.ScorecardIndicator.findMany({ where: { scorecard: { id: { equals: scorecardId } } }, take: 1, query: 'id' });
    await expect(admin.query.ScorecardIndicator.updateOne({ where: { id: line.id }, data: { weight: '50' } })).rejects.toThrow(
      /scorecard: is active: deactivate it to change its indicators/,
    );
    await expect(admin.query.Scorecard.deleteOne({ where: { id: scorecardId } })).rejects.toThrow(/Access denied/);
  });

  it('is what the API reads', async () => {
    const read = await app.gql(SCORECARDS, {}, { token: await app.tokenFor(people.vp.email) });
    expect(read.errors).toBeUndefined();
    expect(read.data!.scorecards.find((card) => card.id === scorecardId)).toMatchObject({
      name: '后台考核表',
      role: 'SALES_REP',
      active: true,
      missPeriods: 2,
      missThresholdPercent: '90',
      indicators: [
        expect.objectContaining({ indicator: 'BOOKED_SALES_ACHIEVEMENT', weight: '60' }),
        expect.objectContaining({ indicator: 'COLLECTIONS_ACHIEVEMENT', weight: '30' }),
        expect.objectContaining({ indicator: 'VISITS_ACHIEVEMENT', weight: '10' }),
      ],
    });
  });
});

describe('every admin list reads the seeded data with every field', () => {
  it.each(Object.keys(ALL_FIELDS))('%s', async (listKey) => {
    const items = await admin.query[listKey].findMany({ take: 3, query: ALL_FIELDS[listKey] });
    expect(items.length).toBeGreaterThan(0);
  });

  it('reads the seeded values as the API wrote them', async () => {
    const product = await admin.query.Product.findOne({ where: { id: catalog.pt100 }, query: 'sku unitCost status productLine { code }' });
    expect(product).toMatchObject({ sku: 'SEN-PT100-01', status: 'ACTIVE', productLine: { code: 'SENSOR' } });
    const user = await admin.query.User.findOne({ where: { id: userId(people.shanghai1Rep) }, query: 'email role unit { id } password { isSet }' });
    expect(user).toMatchObject({ email: people.shanghai1Rep.email, role: 'SALES_REP', unit: { id: units.shanghai1 }, password: { isSet: true } });
  });
});

describe('an admin maintains master data, and the API sees it at once', () => {
  it('creates a product and a price list entry that the API reads immediately', async () => {
    const product = await admin.query.Product.createOne({
      data: { sku: 'PLC-ADMIN-01', name: '后台创建的 PLC', unit: '台', unitCost: '880.00', productLine: { connect: { id: demoLineId('PLC') } } },
      query: 'id sku version',
    });
    await admin.query.PriceListEntry.createOne({
      data: { priceList: { connect: { id: catalog.directPriceList } }, product: { connect: { id: product.id } }, listPrice: '1500.00', floorPrice: '1000.00' },
      query: 'id',
    });
    const token = await app.tokenFor(people.eastDirector.email);
    const found = await app.gql(PRODUCTS, { first: 5, filter: { search: 'PLC-ADMIN-01' } }, { token });
    expect(found.data?.products.nodes).toEqual([expect.objectContaining({ id: product.id, sku: 'PLC-ADMIN-01' })]);
    const entries = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.directPriceList, first: 1 }, { token });
    expect(entries.data?.priceList!.entries.totalCount).toBe(catalog.productCount + 1);
  });

  it('bumps the version the API uses for optimistic locking', async () => {
    const updated = await admin.query.Product.updateOne({ where: { id: catalog.pt100 }, data: { name: 'PT100 温度传感器（后台改名）' }, query: 'version' });
    const again = await admin.query.Product.updateOne({ where: { id: catalog.pt100 }, data: { unit: '个' }, query: 'version' });
    expect(again.version).toBe(updated.version + 1);
  });

  it('refuses an invalid product, naming the field, and stores nothing', async () => {
    await expect(
      admin.query.Product.createOne({ data: { sku: 'bad sku', name: 'x', unit: '个', unitCost: '-5', productLine: { connect: { id: demoLineId('PLC') } } } }),
    ).rejects.toThrow(/sku: must be upper-case letters.*unitCost: must not be negative/s);
    await expect(
      admin.query.Product.createOne({ data: { sku: 'SEN-PT100-01', name: 'dup', unit: '个', unitCost: '1', productLine: { connect: { id: demoLineId('PLC') } } } }),
    ).rejects.toThrow(/sku: is already used by another product/);
    expect(await admin.query.Product.count({ where: { sku: { equals: 'bad sku' } } })).toBe(0);
  });

  it('refuses a floor above the list price and bad quantity breaks', async () => {
    const base = { priceList: { connect: { id: catalog.onlinePriceList } }, product: { connect: { id: demoProductId('SEN-PRX-01') } } };
    await admin.query.PriceListEntry.deleteMany({ where: [{ id: demoEntryId('online-2026', 'SEN-PRX-01') }] });
    await expect(admin.query.PriceListEntry.createOne({ data: { ...base, listPrice: '100', floorPrice: '120' } })).rejects.toThrow(
      /floorPrice: must not be above the list price/,
    );
    await expect(
      admin.query.PriceListEntry.createOne({ data: { ...base, listPrice: '100', floorPrice: '80', quantityBreaks: [{ minQuantity: 10, unitPrice: '50' }] } }),
    ).rejects.toThrow(/quantityBreaks.0.unitPrice: must lie between the floor price and the list price/);
  });

  it('refuses a price list that overlaps an active one of the same channel and region', async () => {
    await expect(
      admin.query.PriceList.createOne({ data: { name: '重叠', channel: 'ONLINE', validFrom: '2026-03-01', validTo: '2026-03-31' } }),
    ).rejects.toThrow(/validFrom: overlaps the active price list "2026 线上价目表"/);
    await expect(
      admin.query.PriceList.createOne({ data: { name: '颠倒', channel: 'ONLINE', validFrom: '2028-03-01', validTo: '2028-01-31' } }),
    ).rejects.toThrow(/validTo: must not be before 2028-03-01/);
  });

  it('refuses overlapping commission tiers', async () => {
    const plan = await admin.query.CommissionPlan.findMany({ take: 1, query: 'id' });
    await expect(
      admin.query.CommissionTier.createOne({ data: { plan: { connect: { id: plan[0].id } }, achievementFrom: '90', achievementTo: '95', ratePercent: '2.5' } }),
    ).rejects.toThrow(/achievementFrom: overlaps the range of another tier/);
  });

  it('sets what a commission plan pays on, to whom, its cap and team award, and the API reads them', async () => {
    const [plan] = await admin.query.CommissionPlan.findMany({ take: 1, query: 'id' });
    await admin.query.CommissionPlan.updateOne({
      where: { id: plan.id },
      data: { basisMetric: 'COLLECTIONS', appliesToRoles: ['SALES_REP'], capAmount: '30000', teamAwardKind: 'AMOUNT', teamAwardValue: '5000', teamAwardSplit: 'EQUAL' },
    });
    await admin.query.CommissionPlanAssignee.createOne({ data: { plan: { connect: { id: plan.id } }, user: { connect: { id: userId(people.keyAccountManager) } } } });
    const read = await app.gql(COMMISSION_PLANS_WITH_TERMS, {}, { token: await app.tokenFor(people.finance.email) });
    expect(read.errors).toBeUndefined();
    expect(read.data!.commissionPlans.find((p) => p.id === plan.id)).toEqual({
      id: plan.id,
      basisMetric: 'COLLECTIONS',
      appliesToRoles: ['SALES_REP'],
      capAmount: '30000',
      teamAwardKind: 'AMOUNT',
      teamAwardValue: '5000',
      teamAwardSplit: 'EQUAL',
      assignees: [{ id: userId(people.keyAccountManager) }],
    });
  });

  it('moves a team to another region, carrying its members with it', async () => {
    await admin.query.OrgUnit.updateOne({ where: { id: units.shanghai2 }, data: { parent: { connect: { id: units.north } } } });
    // The path is rewritten after the update (afterOperation), so read it again.
    const team = await admin.query.OrgUnit.findOne({ where: { id: units.shanghai2 }, query: 'path depth' });
    expect(team).toEqual({ path: `/${units.company}/${units.north}/${units.shanghai2}/`, depth: 2 });
    const token = await app.tokenFor(people.northDirector.email);
    // The north director now heads the moved team's members, so their phone becomes readable.
    const member = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.shanghai2Rep) }, { token });
    expect(member.data?.user!.phone).toBe(people.shanghai2Rep.phone);
  });

  it('creates an org unit with its path computed from its parent', async () => {
    const { id } = await admin.query.OrgUnit.createOne({ data: { name: '苏州组', kind: 'TEAM', parent: { connect: { id: units.east } } }, query: 'id' });
    const unit = await admin.query.OrgUnit.findOne({ where: { id }, query: 'path depth' });
    expect(unit).toEqual({ path: `/${units.company}/${units.east}/${id}/`, depth: 2 });
  });

  it('edits a distributor’s exclusive regions, which bind its partner users in the API at once', async () => {
    const distributorId = demoId('distributor:D-GD-001');
    const before = await admin.query.Distributor.findOne({ where: { id: distributorId }, query: 'regions { id }' });
    expect(before.regions).toEqual([{ id: units.south }]);
    await admin.query.Distributor.updateOne({ where: { id: distributorId }, data: { regions: { connect: [{ id: units.north }] } } });
    const partner = await app.gql(PARTNER_REGIONS, {}, { token: await app.tokenFor(people.partner.email) });
    expect(partner.data?.orgUnits.map((u) => u.id).sort()).toEqual([units.south, units.north].sort());
  });

  it('never deletes users: deactivating is the way', async () => {
    await expect(admin.query.User.deleteOne({ where: { id: userId(people.northRep) } })).rejects.toThrow(/Access denied/);
    const user = await admin.query.User.updateOne({ where: { id: userId(people.northRep) }, data: { status: 'INACTIVE' }, query: 'status' });
    expect(user.status).toBe('INACTIVE');
  });

  it('only admins get in: other roles see nothing and change nothing', async () => {
    const rep = context.withSession({ itemId: userId(people.vp), data: { id: userId(people.vp), role: 'SALES_VP', status: 'ACTIVE' } });
    expect(await rep.query.Product.findMany({ query: 'id' })).toEqual([]);
    await expect(rep.query.Product.createOne({ data: { sku: 'SEN-VP-01', name: 'x', unit: '个', unitCost: '1' } })).rejects.toThrow(/Access denied/);
  });

  it('answers the achievement query to admins only: every region and month for them, FORBIDDEN and no data for others', async () => {
    const query = 'query { salesAchievementByRegion(year: 2026) { name months { month actual target } } }';
    const mine = (await admin.graphql.raw({ query })) as { data: { salesAchievementByRegion: { name: string; months: unknown[] }[] }; errors?: unknown };
    expect(mine.errors).toBeUndefined();
    expect(mine.data.salesAchievementByRegion.map((region) => [region.name, region.months.length])).toEqual([
      ['华东', 12],
      ['华北', 12],
      ['华南', 12],
    ]);
    for (const session of [
      { itemId: userId(people.vp), data: { id: userId(people.vp), role: 'SALES_VP', status: 'ACTIVE' } },
      { itemId: userId(people.admin), data: { id: userId(people.admin), role: 'ADMIN', status: 'INACTIVE' } },
    ]) {
      const refused = await context.withSession(session).graphql.raw({ query });
      expect(refused.data).toEqual({ salesAchievementByRegion: null });
      expect(refused.errors?.map((error) => [error.message, error.extensions.code])).toEqual([['Only administrators may read this.', 'FORBIDDEN']]);
    }
    const anonymous = await context.graphql.raw({ query });
    expect(anonymous.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });
});

describe('an admin edits the report deadlines, and the API follows them', () => {
  const monthlyRep = { kind: { equals: 'MONTHLY' }, role: { equals: 'SALES_REP' } };

  it('shows the migration’s deadlines with their offset in days and hours', async () => {
    const [deadline] = await admin.query.ReportDeadline.findMany({ where: monthlyRep, query: 'dueAfterMinutes dueAfter description version' });
    expect(deadline).toEqual({ dueAfterMinutes: 4320, dueAfter: '3 d 0 h after the period ends', description: '次月 3 日 24:00', version: 1 });
    const weekly = await admin.query.ReportDeadline.findMany({ where: { kind: { equals: 'WEEKLY' } }, query: 'dueAfter' });
    expect(weekly.map((row) => row.dueAfter).sort()).toEqual([
      '12 h after the period ends',
      '12 h after the period ends',
      'when the period ends (24:00 of its last day)',
      'when the period ends (24:00 of its last day)',
    ]);
  });

  it('moves a rep’s monthly deadline to the 5th through the admin’s GraphQL API; reportDeadlines and reportCompliance follow', async () => {
    const director = await app.tokenFor(people.eastDirector.email);
    // October's report, by role: the end of November 3rd for reps, of the 5th for managers; Shanghai time is UTC+8.
    const deadlinesByRole = async () => {
      const compliance = await app.gql(REPORT_COMPLIANCE, { kind: 'MONTHLY', from: '2026-10-01', to: '2026-10-01' }, { token: director });
      expect(compliance.errors).toBeUndefined();
      const byRole = (role: string) => [...new Set(compliance.data!.reportCompliance.filter((row) => row.role === role).map((row) => new Date(row.deadlineAt).toISOString()))];
      return { rep: byRole('SALES_REP'), manager: byRole('TEAM_MANAGER') };
    };
    expect(await deadlinesByRole()).toEqual({ rep: ['2026-11-03T16:00:00.000Z'], manager: ['2026-11-05T16:00:00.000Z'] });

    const [{ id }] = await admin.query.ReportDeadline.findMany({ where: monthlyRep, query: 'id' });
    const edited = (await admin.graphql.raw({
      query: 'mutation ($id: ID!) { updateReportDeadline(where: { id: $id }, data: { dueAfterMinutes: 7200, description: "次月 5 日 24:00" }) { dueAfterMinutes dueAfter version } }',
      variables: { id },
    })) as { data?: { updateReportDeadline: unknown }; errors?: unknown };
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateReportDeadline).toEqual({ dueAfterMinutes: 7200, dueAfter: '5 d 0 h after the period ends', version: 2 });

    const deadlines = await app.gql(REPORT_DEADLINES, {}, { token: director });
    expect(deadlines.data!.reportDeadlines).toContainEqual({ kind: 'MONTHLY', role: 'SALES_REP', dueAfterMinutes: 7200, description: '次月 5 日 24:00' });
    expect(await deadlinesByRole()).toEqual({ rep: ['2026-11-05T16:00:00.000Z'], manager: ['2026-11-05T16:00:00.000Z'] });
  });

  it('refuses a second deadline for the same kind and role, an offset out of range and important matters', async () => {
    await expect(admin.query.ReportDeadline.createOne({ data: { kind: 'MONTHLY', role: 'SALES_REP', dueAfterMinutes: 60 } })).rejects.toThrow(
      /role: already has a deadline for this kind of report/,
    );
    await expect(admin.query.ReportDeadline.createOne({ data: { kind: 'MONTHLY', role: 'FINANCE', dueAfterMinutes: 200000 } })).rejects.toThrow(
      /dueAfterMinutes: value must be less than or equal to 131040/,
    );
    await expect(admin.query.ReportDeadline.createOne({ data: { kind: 'IMPORTANT_MATTER', role: 'FINANCE', dueAfterMinutes: 60 } })).rejects.toThrow();
    const created = await admin.query.ReportDeadline.createOne({ data: { kind: 'WEEKLY', role: 'FINANCE', dueAfterMinutes: -90 }, query: 'dueAfter' });
    expect(created.dueAfter).toBe('1 h 30 min before the period ends');
  });

  it('only admins see or change deadlines', async () => {
    const vp = context.withSession({ itemId: userId(people.vp), data: { id: userId(people.vp), role: 'SALES_VP', status: 'ACTIVE' } });
    expect(await vp.query.ReportDeadline.findMany({ query: 'id' })).toEqual([]);
    await expect(vp.query.ReportDeadline.createOne({ data: { kind: 'DAILY', role: 'FINANCE', dueAfterMinutes: 0 } })).rejects.toThrow(/Access denied/);
  });
});

describe('an admin keeps the expense categories', () => {
  it('adds a category that the API lists in its place, deactivates it, and may not delete it', async () => {
    const created = await admin.query.ExpenseCategory.createOne({ data: { code: ' TRAINING ', name: '培训费', nameEn: 'Training', position: 8 }, query: 'id code active version' });
    expect(created).toMatchObject({ code: 'TRAINING', active: true, version: 1 });
    const listed = await app.gql(EXPENSE_CATEGORIES, {}, { token: await app.tokenFor(people.finance.email) });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.expenseCategories.map((category) => category.code)).toEqual([
      'TRAVEL',
      'ENTERTAINMENT',
      'TRANSPORT',
      'COMMUNICATION',
      'SAMPLES_GIFTS',
      'CONFERENCE_MARKETING',
      'OTHER',
      'TRAINING',
    ]);
    const deactivated = await admin.query.ExpenseCategory.updateOne({ where: { id: created.id }, data: { active: false }, query: 'active version' });
    expect(deactivated).toEqual({ active: false, version: 2 });
    await expect(admin.query.ExpenseCategory.deleteOne({ where: { id: created.id } })).rejects.toThrow(/Access denied/);
    await expect(admin.query.ExpenseCategory.createOne({ data: { code: 'TRAVEL', name: '重复' } })).rejects.toThrow();
  });

  it('shows categories to admins only', async () => {
    const vp = context.withSession({ itemId: userId(people.vp), data: { id: userId(people.vp), role: 'SALES_VP', status: 'ACTIVE' } });
    expect(await vp.query.ExpenseCategory.findMany({ query: 'id' })).toEqual([]);
    await expect(vp.query.ExpenseCategory.updateOne({ where: { code: 'TRAVEL' }, data: { active: false } })).rejects.toThrow(/Access denied/);
  });
});

function demoLineId(code: string): string {
  return demoId(`product-line:${code}`);
}
function demoProductId(sku: string): string {
  return demoId(`product:${sku}`);
}
function demoEntryId(listKey: string, sku: string): string {
  return demoId(`price-list-entry:${listKey}:${sku}`);
}
