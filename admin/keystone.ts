/**
 * The admin UI (Keystone) for master data, over the tables MikroORM migrations own: Keystone maps onto them and
 * never pushes or migrates. Only ADMIN users sign in. Validation uses the same functions as the API's mutations.
 */
import { createAuth } from '@keystone-6/auth';
import { config, g, list } from '@keystone-6/core';
import {
  calendarDay,
  checkbox,
  decimal,
  float,
  integer,
  json,
  multiselect,
  password,
  relationship,
  select,
  text,
  timestamp,
  virtual,
} from '@keystone-6/core/fields';
import { statelessSessions } from '@keystone-6/core/session';
import type { BaseListTypeInfo, SessionStrategy } from '@keystone-6/core/types';
import { PrismaPg } from '@prisma/adapter-pg';
import type { IncomingMessage } from 'node:http';
import type { FieldProblem } from '../api/errors';
import { languageFromHeader, msg, nested, translate, type PlainMessageId } from '../api/i18n';
import {
  dateRangeProblems,
  dateRangesOverlap,
  nonNegativeProblems,
  priceProblems,
  skuProblems,
  tierProblems,
  type QuantityBreakInput,
  type TierInput,
} from '../schema/catalog/catalog.validation';
import { adminSecurityHeaders } from '../api/http/security-headers';
import { PERIODIC_KINDS } from '../schema/reports/reports.enums';
import { AppraisalIndicator } from '../schema/targets/appraisals.enums';
import { TargetMetric } from '../schema/targets/targets.enums';
import { translateAdminMeta } from './admin-meta-i18n';
import { performanceExtension } from './performance-extension';
import { adminBuildFiles, withTranslatedSignin } from './build-files';
import { deadlineOffsetText } from './admin/i18n';

/** Read when Prisma connects, so one built config serves any database (tests point it at their own). */
const connectionString = () => process.env.DATABASE_URL ?? 'postgres://postgres:salesgraph@localhost:54329/salesgraph';

interface Session {
  itemId: string;
  data: { id: string; name: string; role: string; status: string };
}

const isAdmin = ({ session }: { session?: unknown }) => {
  const data = (session as Session | undefined)?.data;
  return data?.role === 'ADMIN' && data.status === 'ACTIVE';
};
const adminOnly = { operation: { query: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin } };

/** The roles a scorecard may be for, the metrics and the indicators, as the API's enums. */
const APPRAISED_ROLES = ['SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER', 'REGIONAL_DIRECTOR'];
const TARGET_METRICS = Object.values(TargetMetric);
const APPRAISAL_INDICATORS = Object.values(AppraisalIndicator);

const ROLES = ['ADMIN', 'SALES_VP', 'REGIONAL_DIRECTOR', 'TEAM_MANAGER', 'SALES_REP', 'KEY_ACCOUNT_MANAGER', 'CUSTOMER_SERVICE', 'TECH_SUPPORT', 'FINANCE', 'PARTNER', 'INTEGRATION'];

/**
 * Keystone names a select's Prisma enum `<List><Field>Type`; `@@map` points it at the PostgreSQL enum type the
 * migrations created, so Prisma casts values to that type.
 */
const NATIVE_ENUMS: Record<string, string> = {
  UserRoleType: 'user_role',
  UserStatusType: 'user_status',
  OrgUnitKindType: 'org_unit_kind',
  DistributorStatusType: 'distributor_status',
  ProductStatusType: 'product_status',
  PriceListChannelType: 'sales_channel',
  VisitNormTierType: 'customer_tier',
  VisitNormServiceModeType: 'follow_up_service_mode',
  ScorecardMainMetricType: 'target_metric',
  ScorecardIndicatorIndicatorType: 'appraisal_indicator',
  ReportDeadlineKindType: 'work_report_kind',
};
function mapNativeEnums(schema: string): string {
  return schema.replace(/^enum (\w+) \{$/gm, (line, name: string) => (NATIVE_ENUMS[name] ? `${line}\n  @@map("${NATIVE_ENUMS[name]}")` : line));
}

/** Keystone names the datasource after the provider, so native types read `@postgresql.X`. */
const nativeType = (type: string) => (field: string) => `${field} @postgresql.${type}`;
const column = (map: string, type?: string) => ({ map, ...(type ? { extendPrismaSchema: nativeType(type) } : {}) });
const foreignKey = (map: string) => ({ foreignKey: { map } });

/** created_at, updated_at and the optimistic-lock version that the API checks; bumped on every admin edit. */
const bookkeeping = {
  version: integer({ defaultValue: 1, validation: { isRequired: true }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
  createdAt: timestamp({ defaultValue: { kind: 'now' }, db: column('created_at', 'Timestamptz(6)'), ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
  updatedAt: timestamp({ db: { ...column('updated_at', 'Timestamptz(6)'), updatedAt: true }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
};
const timestamps = { createdAt: bookkeeping.createdAt, updatedAt: bookkeeping.updatedAt };

function bumpVersion<T extends BaseListTypeInfo>({ operation, item, resolvedData }: { operation: 'create' | 'update'; item?: T['item']; resolvedData: T['prisma']['create'] }) {
  if (operation === 'update' && item) return { ...resolvedData, version: Number((item as { version?: number }).version ?? 1) + 1 };
  return resolvedData;
}

/** Each problem as a validation error of the admin, `path: message` in the language of the admin's browser. */
function report(problems: FieldProblem[], addValidationError: (message: string) => void, context: { req?: IncomingMessage }): void {
  const language = languageFromHeader(context.req?.headers['accept-language']);
  for (const problem of problems) addValidationError(translate(msg('{{path}}: {{problem}}', { path: problem.path, problem: nested(problem.message) }), language));
}

/** The value a field will have after this operation: the new one if given, else the stored one. */
function after<V>(resolvedData: Record<string, unknown>, item: Record<string, unknown> | undefined, field: string): V {
  return (resolvedData[field] !== undefined ? resolvedData[field] : item?.[field]) as V;
}

const day = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString().slice(0, 10));
const money = (value: unknown): string => String(value ?? '0');

const lists = {
  User: list({
    access: { operation: { ...adminOnly.operation, delete: () => false } },
    db: { map: 'app_user' },
    ui: { labelField: 'name', listView: { initialColumns: ['name', 'email', 'role', 'unit', 'status'] }, hideDelete: true },
    fields: {
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      englishName: text({ db: { ...column('english_name'), isNullable: true } }),
      email: text({ isIndexed: 'unique', validation: { isRequired: true } }),
      phone: text({ db: { isNullable: true } }),
      password: password({ db: column('password_hash') }),
      role: select({ type: 'enum', options: ROLES, defaultValue: 'SALES_REP', validation: { isRequired: true } }),
      status: select({
        type: 'enum',
        options: ['ACTIVE', 'INACTIVE'],
        defaultValue: 'ACTIVE',
        validation: { isRequired: true },
        ui: { description: 'Users are never deleted (their sales records point at them): set INACTIVE instead.' },
      }),
      unit: relationship({ ref: 'OrgUnit', db: foreignKey('unit_id') }),
      manager: relationship({ ref: 'User', db: foreignKey('manager_id') }),
      distributor: relationship({ ref: 'Distributor', db: foreignKey('distributor_id') }),
      hireDate: calendarDay({ db: column('hire_date') }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: ({ operation, item, resolvedData }) => {
        const data = bumpVersion({ operation, item, resolvedData });
        return typeof data.email === 'string' ? { ...data, email: data.email.trim().toLowerCase() } : data;
      },
    },
  }),

  OrgUnit: list({
    access: adminOnly,
    db: { map: 'org_unit' },
    ui: { listView: { initialColumns: ['name', 'kind', 'parent', 'head'] } },
    fields: {
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      englishName: text({ db: { ...column('english_name'), isNullable: true } }),
      kind: select({ type: 'enum', options: ['COMPANY', 'REGION', 'TEAM'], validation: { isRequired: true } }),
      parent: relationship({ ref: 'OrgUnit', db: foreignKey('parent_id') }),
      head: relationship({ ref: 'User', db: foreignKey('head_id') }),
      // Materialized path of ids; kept by the hooks below, never typed in.
      path: text({ isIndexed: 'unique', ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' }, listView: { fieldMode: 'hidden' } } }),
      depth: integer({ defaultValue: 0, db: { extendPrismaSchema: nativeType('SmallInt') }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: ({ operation, item, resolvedData }) => {
        const data = bumpVersion({ operation, item, resolvedData });
        // The row needs a unique path before its id is known; afterOperation sets the real one.
        return operation === 'create' ? { ...data, path: `pending:${crypto.randomUUID()}` } : data;
      },
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const parentId = relatedIdAfter(resolvedData, item, 'parent');
        if (parentId === undefined) return;
        if (item && parentId !== null) {
          const parent = await context.db.OrgUnit.findOne({ where: { id: parentId } });
          if (parent && String(parent.path).startsWith(String(item.path))) report([{ path: 'parent', message: 'a unit cannot move below itself' }], addValidationError, context);
        }
      },
      afterOperation: async ({ operation, item, originalItem, context }) => {
        if (operation === 'delete' || !item) return;
        const parent = item.parentId ? await context.sudo().db.OrgUnit.findOne({ where: { id: String(item.parentId) } }) : null;
        const path = `${parent ? String(parent.path) : '/'}${String(item.id)}/`;
        const depth = parent ? Number(parent.depth) + 1 : 0;
        const oldPath = String(operation === 'update' ? originalItem?.path : item.path);
        if (oldPath === path) return;
        // Re-root the unit and everything below it in one statement: the subtree moves with its parent.
        await context.prisma.$executeRawUnsafe(
          `update org_unit set path = $1::text || substr(path, length($2::text) + 1), depth = depth + ($3::int - $4::int) where path like $2::text || '%'`,
          path,
          oldPath,
          depth,
          Number(item.depth),
        );
      },
    },
  }),

  Distributor: list({
    access: adminOnly,
    db: { map: 'distributor' },
    ui: { listView: { initialColumns: ['code', 'name', 'status', 'regions', 'contractEnd', 'creditLimit'] } },
    fields: {
      code: text({ isIndexed: 'unique', validation: { isRequired: true } }),
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      englishName: text({ db: { ...column('english_name'), isNullable: true } }),
      status: select({ type: 'enum', options: ['ACTIVE', 'SUSPENDED', 'TERMINATED'], defaultValue: 'ACTIVE', validation: { isRequired: true } }),
      contractStart: calendarDay({ db: column('contract_start') }),
      contractEnd: calendarDay({ db: column('contract_end') }),
      creditLimit: decimal({ precision: 14, scale: 2, defaultValue: '0', validation: { isRequired: true }, db: column('credit_limit') }),
      // The API's pivot table `_distributor_regions` (A: distributor, B: region) is Prisma's implicit many-to-many.
      regions: relationship({ ref: 'OrgUnit', many: true, db: { relationName: 'distributor_regions' } }),
      ...timestamps,
    },
    hooks: {
      validate: ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const start = day(after(resolvedData, item, 'contractStart'));
        const end = day(after(resolvedData, item, 'contractEnd'));
        const problems = nonNegativeProblems(money(after(resolvedData, item, 'creditLimit')), 'creditLimit');
        if (start !== null) problems.push(...dateRangeProblems(start, end, 'contractEnd'));
        report(problems, addValidationError, context);
      },
    },
  }),

  ProductLine: list({
    access: adminOnly,
    db: { map: 'product_line' },
    ui: { labelField: 'name', listView: { initialColumns: ['code', 'name', 'active'] } },
    fields: {
      code: text({ isIndexed: 'unique', validation: { isRequired: true } }),
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      englishName: text({ db: { ...column('english_name'), isNullable: true } }),
      description: text({ db: { isNullable: true }, ui: { displayMode: 'textarea' } }),
      active: checkbox({ defaultValue: true }),
      products: relationship({ ref: 'Product.productLine', many: true, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      ...bookkeeping,
    },
    hooks: { resolveInput: bumpVersion },
  }),

  Product: list({
    access: adminOnly,
    db: { map: 'product' },
    ui: {
      labelField: 'sku',
      searchFields: ['sku', 'name'],
      listView: { initialColumns: ['sku', 'name', 'productLine', 'status', 'unitCost'], initialSort: { field: 'sku', direction: 'ASC' } },
    },
    fields: {
      sku: text({ isIndexed: 'unique', validation: { isRequired: true } }),
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      englishName: text({ db: { ...column('english_name'), isNullable: true } }),
      unit: text({ validation: { isRequired: true, length: { max: 20 } } }),
      productLine: relationship({ ref: 'ProductLine.products', db: foreignKey('product_line_id') }),
      status: select({ type: 'enum', options: ['ACTIVE', 'DRAFT', 'DISCONTINUED'], defaultValue: 'ACTIVE', validation: { isRequired: true } }),
      unitCost: decimal({ precision: 14, scale: 2, validation: { isRequired: true }, db: column('unit_cost') }),
      specification: text({ db: { isNullable: true }, ui: { displayMode: 'textarea' } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: ({ operation, item, resolvedData }) => {
        const data = bumpVersion({ operation, item, resolvedData });
        return typeof data.sku === 'string' ? { ...data, sku: data.sku.trim() } : data;
      },
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const sku = String(after(resolvedData, item, 'sku') ?? '');
        const problems = [...skuProblems(sku), ...nonNegativeProblems(money(after(resolvedData, item, 'unitCost')), 'unitCost')];
        if (after(resolvedData, item, 'productLineId') === null && resolvedData.productLine === undefined) {
          problems.push({ path: 'productLine', message: 'is required' });
        }
        if (problems.length === 0 && resolvedData.sku !== undefined) {
          const clash = await context.sudo().db.Product.findMany({ where: { sku: { equals: sku } }, take: 1 });
          if (clash.length > 0 && clash[0].id !== item?.id) problems.push({ path: 'sku', message: 'is already used by another product' });
        }
        report(problems, addValidationError, context);
      },
    },
  }),

  PriceList: list({
    access: adminOnly,
    db: { map: 'price_list' },
    ui: { listView: { initialColumns: ['name', 'channel', 'region', 'validFrom', 'validTo', 'active'] } },
    fields: {
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      currency: text({ defaultValue: 'CNY', validation: { isRequired: true, length: { min: 3, max: 3 } }, db: { extendPrismaSchema: nativeType('Char(3)') } }),
      channel: select({ type: 'enum', options: ['DIRECT', 'DISTRIBUTOR', 'ONLINE'], validation: { isRequired: true } }),
      region: relationship({ ref: 'OrgUnit', db: foreignKey('region_id') }),
      validFrom: calendarDay({ validation: { isRequired: true }, db: column('valid_from') }),
      validTo: calendarDay({ db: column('valid_to') }),
      active: checkbox({ defaultValue: true }),
      entries: relationship({ ref: 'PriceListEntry.priceList', many: true, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: bumpVersion,
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const validFrom = day(after(resolvedData, item, 'validFrom'));
        const validTo = day(after(resolvedData, item, 'validTo'));
        if (validFrom === null) return;
        const problems = dateRangeProblems(validFrom, validTo, 'validTo');
        const active = Boolean(after(resolvedData, item, 'active') ?? true);
        if (problems.length === 0 && active) {
          const regionId = relatedIdAfter(resolvedData, item, 'region') ?? null;
          const others = await context.sudo().db.PriceList.findMany({
            where: { channel: { equals: String(after(resolvedData, item, 'channel')) }, active: { equals: true }, region: regionId === null ? null : { id: { equals: regionId } } },
          });
          const clash = others.find((other) => other.id !== item?.id && dateRangesOverlap(validFrom, validTo, day(other.validFrom)!, day(other.validTo)));
          if (clash) problems.push({ path: 'validFrom', message: msg('overlaps the active price list "{{name}}" of the same channel and region', { name: String(clash.name) }) });
        }
        report(problems, addValidationError, context);
      },
    },
  }),

  PriceListEntry: list({
    access: adminOnly,
    db: { map: 'price_list_entry' },
    ui: { labelField: 'id', listView: { initialColumns: ['priceList', 'product', 'listPrice', 'floorPrice'] } },
    fields: {
      priceList: relationship({ ref: 'PriceList.entries', db: foreignKey('price_list_id') }),
      product: relationship({ ref: 'Product', db: foreignKey('product_id') }),
      listPrice: decimal({ precision: 14, scale: 2, validation: { isRequired: true }, db: column('list_price') }),
      floorPrice: decimal({ precision: 14, scale: 2, validation: { isRequired: true }, db: column('floor_price') }),
      quantityBreaks: json({
        defaultValue: [],
        db: column('quantity_breaks'),
        ui: { description: 'Ascending, e.g. [{"minQuantity": 10, "unitPrice": "95.00"}]; prices between floor and list price.' },
      }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: ({ operation, item, resolvedData }) => {
        const data = bumpVersion({ operation, item, resolvedData });
        return data.quantityBreaks === null ? { ...data, quantityBreaks: [] } : data;
      },
      validate: ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        if (operation === 'create' && (!resolvedData.priceList || !resolvedData.product)) {
          report([{ path: 'priceList and product', message: 'both are required' }], addValidationError, context);
        }
        const breaks = after<unknown>(resolvedData, item, 'quantityBreaks') ?? [];
        if (!Array.isArray(breaks) || !breaks.every((b) => typeof b === 'object' && b !== null && 'minQuantity' in b && 'unitPrice' in b)) {
          report([{ path: 'quantityBreaks', message: 'must be a list of { "minQuantity": number, "unitPrice": "decimal" }' }], addValidationError, context);
          return;
        }
        const normalized = (breaks as QuantityBreakInput[]).map((b) => ({ minQuantity: Number(b.minQuantity), unitPrice: String(b.unitPrice) }));
        report(priceProblems(money(after(resolvedData, item, 'listPrice')), money(after(resolvedData, item, 'floorPrice')), normalized), addValidationError, context);
      },
    },
  }),

  ApprovalLimit: list({
    access: adminOnly,
    db: { map: 'approval_limit' },
    ui: { labelField: 'role', listView: { initialColumns: ['role', 'maxDiscountPercent', 'maxContractAmount', 'maxExpenseAmount'] } },
    fields: {
      role: select({ type: 'string', options: ROLES, isIndexed: 'unique', validation: { isRequired: true } }),
      maxDiscountPercent: decimal({ precision: 5, scale: 2, validation: { isRequired: true, min: '0', max: '100' }, db: column('max_discount_percent') }),
      maxContractAmount: decimal({ precision: 14, scale: 2, validation: { isRequired: true, min: '0' }, db: column('max_contract_amount') }),
      maxExpenseAmount: decimal({ precision: 14, scale: 2, validation: { isRequired: true, min: '0' }, db: column('max_expense_amount') }),
      currency: text({ defaultValue: 'CNY', validation: { isRequired: true, length: { min: 3, max: 3 } }, db: { extendPrismaSchema: nativeType('Char(3)') } }),
      ...bookkeeping,
    },
    hooks: { resolveInput: bumpVersion },
  }),

  CommissionPlan: list({
    access: adminOnly,
    db: { map: 'commission_plan' },
    ui: { listView: { initialColumns: ['name', 'validFrom', 'validTo', 'active', 'basisMetric', 'capAmount', 'teamAwardKind'] } },
    fields: {
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      validFrom: calendarDay({ validation: { isRequired: true }, db: column('valid_from') }),
      validTo: calendarDay({ db: column('valid_to') }),
      active: checkbox({ defaultValue: true }),
      basisMetric: select({ type: 'string', options: ['BOOKED_SALES', 'COLLECTIONS'], defaultValue: 'BOOKED_SALES', validation: { isRequired: true }, db: column('basis_metric') }),
      appliesToRoles: multiselect({ type: 'string', options: ROLES, defaultValue: [], db: column('applies_to_roles') }),
      capAmount: decimal({ precision: 14, scale: 2, validation: { min: '0' }, db: column('cap_amount') }),
      capPercentOfTarget: decimal({ precision: 6, scale: 2, validation: { min: '0' }, db: column('cap_percent_of_target') }),
      teamAwardKind: select({ type: 'string', options: ['AMOUNT', 'RATE'], db: column('team_award_kind') }),
      teamAwardValue: decimal({ precision: 14, scale: 3, validation: { min: '0' }, db: column('team_award_value') }),
      teamAwardSplit: select({ type: 'string', options: ['BY_SHARE', 'EQUAL'], defaultValue: 'BY_SHARE', validation: { isRequired: true }, db: column('team_award_split') }),
      tiers: relationship({
        ref: 'CommissionTier.plan',
        many: true,
        ui: { displayMode: 'table', columns: ['achievementFrom', 'achievementTo', 'ratePercent'], itemView: { fieldMode: 'read' } },
      }),
      assignees: relationship({ ref: 'CommissionPlanAssignee.plan', many: true, ui: { displayMode: 'table', columns: ['user'], itemView: { fieldMode: 'read' } } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: bumpVersion,
      validate: ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const validFrom = day(after(resolvedData, item, 'validFrom'));
        if (validFrom !== null) report(dateRangeProblems(validFrom, day(after(resolvedData, item, 'validTo')), 'validTo'), addValidationError, context);
      },
    },
  }),

  VisitNorm: list({
    access: adminOnly,
    db: { map: 'visit_norm' },
    ui: { labelField: 'tier', listView: { initialColumns: ['tier', 'visitsPerMonth'] } },
    fields: {
      tier: select({
        type: 'enum',
        options: ['A', 'B', 'C'],
        isIndexed: 'unique',
        validation: { isRequired: true },
        ui: { description: 'A customer tier without a norm is not a key tier: its visits are not measured.' },
      }),
      visitsPerMonth: decimal({
        precision: 6,
        scale: 2,
        validation: { isRequired: true, min: '0.01' },
        db: column('visits_per_month'),
        ui: { description: 'Visits each customer of the tier should get per month (own and accompanied visits both count).' },
      }),
      maxDaysBetweenContacts: integer({
        defaultValue: 30,
        validation: { isRequired: true, min: 1, max: 366 },
        db: column('max_days_between_contacts', 'SmallInt'),
        ui: { description: 'Follow-up norm: the most days a customer of the tier may go without a contact (a visit or a logged follow-up).' },
      }),
      serviceMode: select({
        type: 'enum',
        options: ['DEDICATED_TEAM', 'REGULAR', 'AUTOMATED'],
        defaultValue: 'REGULAR',
        validation: { isRequired: true },
        db: column('service_mode'),
        ui: { description: 'How the tier is served: a dedicated team, regular follow-up, or automated contact (no follow-up reminders).' },
      }),
      ...bookkeeping,
    },
    hooks: { resolveInput: bumpVersion },
  }),

  // Customers are the API's records: the admin sets only where a customer's site is (what check-ins are measured against).
  Customer: list({
    access: { operation: { query: isAdmin, update: isAdmin, create: () => false, delete: () => false } },
    db: { map: 'customer' },
    ui: { labelField: 'name', hideCreate: true, hideDelete: true, listView: { initialColumns: ['code', 'name', 'latitude', 'longitude'] } },
    fields: {
      code: text({ isIndexed: 'unique', ui: { itemView: { fieldMode: 'read' } } }),
      name: text({ db: { extendPrismaSchema: nativeType('VarChar(200)') }, ui: { itemView: { fieldMode: 'read' } } }),
      latitude: float({ validation: { min: -90, max: 90 }, ui: { description: 'WGS-84 latitude of the customer’s site, with longitude; check-ins are measured against it.' } }),
      longitude: float({ validation: { min: -180, max: 180 }, ui: { description: 'WGS-84 longitude of the customer’s site, with latitude.' } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: bumpVersion,
      validate: ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const latitude = after<number | null>(resolvedData, item, 'latitude');
        const longitude = after<number | null>(resolvedData, item, 'longitude');
        if ((latitude === null || latitude === undefined) !== (longitude === null || longitude === undefined)) {
          report([{ path: latitude === null || latitude === undefined ? 'latitude' : 'longitude', message: 'latitude and longitude go together' }], addValidationError, context);
        }
      },
    },
  }),

  Scorecard: list({
    // Appraisals point at the scorecard they were computed with: it is never deleted, only deactivated or ended.
    access: { operation: { ...adminOnly.operation, delete: () => false } },
    db: { map: 'scorecard' },
    ui: { hideDelete: true, listView: { initialColumns: ['name', 'role', 'validFrom', 'validTo', 'active', 'indicators'] } },
    fields: {
      name: text({ validation: { isRequired: true, length: { max: 200 } } }),
      // A string to Prisma: its enum for user_role is User's (one Prisma enum per database type); PostgreSQL casts.
      role: select({ type: 'string', options: APPRAISED_ROLES, validation: { isRequired: true } }),
      validFrom: calendarDay({ validation: { isRequired: true }, db: column('valid_from') }),
      validTo: calendarDay({ db: column('valid_to') }),
      active: checkbox({
        defaultValue: false,
        ui: { description: 'Only active scorecards are used. Create it inactive, add its indicators, then activate it: the weights must add up to 100.' },
      }),
      mainMetric: select({
        type: 'enum',
        options: TARGET_METRICS,
        defaultValue: 'BOOKED_SALES',
        validation: { isRequired: true },
        db: column('main_metric'),
        ui: { description: 'The metric whose achievement decides whether a period counts as missed.' },
      }),
      missThresholdPercent: decimal({
        precision: 6,
        scale: 2,
        defaultValue: '100',
        validation: { isRequired: true, min: '0.01' },
        db: column('miss_threshold_percent'),
        ui: { description: 'A period is missed when the main metric’s achievement is below this (percent of target).' },
      }),
      missPeriods: integer({
        defaultValue: 3,
        validation: { isRequired: true, min: 1, max: 12 },
        db: column('miss_periods', 'SmallInt'),
        ui: { description: 'Missed periods in a row that flag a person for an improvement plan.' },
      }),
      indicators: relationship({
        ref: 'ScorecardIndicator.scorecard',
        many: true,
        ui: { displayMode: 'table', columns: ['indicator', 'weight', 'capPercent'], itemView: { fieldMode: 'read' } },
      }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: bumpVersion,
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const problems: FieldProblem[] = [];
        const validFrom = day(after(resolvedData, item, 'validFrom'));
        if (validFrom !== null) problems.push(...dateRangeProblems(validFrom, day(after(resolvedData, item, 'validTo')), 'validTo'));
        // The database checks this at commit too; here the admin gets it as a message on the field.
        if (after<boolean>(resolvedData, item, 'active') && item) {
          const total = await indicatorWeightTotal(context, String(item.id));
          if (total !== '100.00') problems.push({ path: 'active', message: msg('the weights of its indicators add up to {{total}}, not 100', { total }) });
        }
        if (after<boolean>(resolvedData, item, 'active') && !item) problems.push({ path: 'active', message: 'create the scorecard inactive, add its indicators, then activate it' });
        report(problems, addValidationError, context);
      },
    },
  }),

  ScorecardIndicator: list({
    access: adminOnly,
    db: { map: 'scorecard_indicator' },
    ui: { labelField: 'indicator', listView: { initialColumns: ['scorecard', 'indicator', 'weight', 'capPercent', 'position'] } },
    fields: {
      scorecard: relationship({ ref: 'Scorecard.indicators', db: foreignKey('scorecard_id') }),
      indicator: select({
        type: 'enum',
        options: APPRAISAL_INDICATORS,
        validation: { isRequired: true },
      }),
      weight: decimal({
        precision: 5,
        scale: 2,
        validation: { isRequired: true, min: '0.01', max: '100' },
        ui: { description: 'Weight in percent; an active scorecard’s weights add up to 100 (deactivate it to change them).' },
      }),
      capPercent: decimal({
        precision: 6,
        scale: 2,
        defaultValue: '120',
        validation: { isRequired: true, min: '0.01' },
        db: column('cap_percent'),
        ui: { description: 'The highest score the indicator gives, in percent (over-achievement counts up to it).' },
      }),
      position: integer({ defaultValue: 0, validation: { isRequired: true }, db: { extendPrismaSchema: nativeType('SmallInt') } }),
      createdAt: bookkeeping.createdAt,
    },
    hooks: {
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        const scorecardId = operation === 'delete' ? ((item?.scorecardId as string | null | undefined) ?? null) : relatedIdAfter(resolvedData, item, 'scorecard');
        if (operation === 'create' && !scorecardId) report([{ path: 'scorecard', message: 'is required' }], addValidationError, context);
        if (!scorecardId) return;
        const card = await context.sudo().db.Scorecard.findOne({ where: { id: scorecardId } });
        // Changing one line of an active scorecard would leave its weights off 100 (one row per save).
        if (card?.active) report([{ path: 'scorecard', message: 'is active: deactivate it to change its indicators' }], addValidationError, context);
      },
    },
  }),

  CommissionPlanAssignee: list({
    access: adminOnly,
    db: { map: 'commission_plan_assignee' },
    ui: { labelField: 'id', listView: { initialColumns: ['plan', 'user'] } },
    fields: {
      plan: relationship({ ref: 'CommissionPlan.assignees', db: foreignKey('plan_id') }),
      user: relationship({ ref: 'User', db: foreignKey('user_id') }),
      createdAt: bookkeeping.createdAt,
    },
  }),

  CommissionTier: list({
    access: adminOnly,
    db: { map: 'commission_tier' },
    ui: { labelField: 'achievementFrom', listView: { initialColumns: ['plan', 'achievementFrom', 'achievementTo', 'ratePercent'] } },
    fields: {
      plan: relationship({ ref: 'CommissionPlan.tiers', db: foreignKey('plan_id') }),
      achievementFrom: decimal({ precision: 6, scale: 2, validation: { isRequired: true }, db: column('achievement_from') }),
      achievementTo: decimal({ precision: 6, scale: 2, db: column('achievement_to') }),
      ratePercent: decimal({ precision: 6, scale: 3, validation: { isRequired: true }, db: column('rate_percent') }),
      createdAt: bookkeeping.createdAt,
    },
    hooks: {
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const tier: TierInput = {
          achievementFrom: money(after(resolvedData, item, 'achievementFrom')),
          achievementTo: after<unknown>(resolvedData, item, 'achievementTo') === null || after<unknown>(resolvedData, item, 'achievementTo') === undefined ? null : String(after(resolvedData, item, 'achievementTo')),
          ratePercent: money(after(resolvedData, item, 'ratePercent')),
        };
        const planId = relatedIdAfter(resolvedData, item, 'plan');
        const siblings = planId
          ? (await context.sudo().db.CommissionTier.findMany({ where: { plan: { id: { equals: planId } } } })).filter((other) => other.id !== item?.id)
          : [];
        const all: TierInput[] = [
          tier,
          ...siblings.map((s) => ({ achievementFrom: money(s.achievementFrom), achievementTo: s.achievementTo === null ? null : String(s.achievementTo), ratePercent: money(s.ratePercent) })),
        ];
        // Only problems of the tier being saved (index 0) are reported: the others are already stored.
        const problems = tierProblems(all, 'tier').filter((p) => p.path.startsWith('tier.0.')).map((p) => ({ ...p, path: p.path.replace('tier.0.', '') }));
        report(problems, addValidationError, context);
      },
    },
  }),
  // Who files which kind of report by when; the API reads it for every report it creates and for "who is late".
  ReportDeadline: list({
    access: adminOnly,
    db: { map: 'report_deadline' },
    ui: { labelField: 'kind', listView: { initialColumns: ['kind', 'role', 'dueAfterMinutes', 'dueAfter', 'description'] } },
    fields: {
      kind: select({
        type: 'enum',
        // Important-matter reports have no period and so no deadline (the table's check refuses the kind).
        options: [...PERIODIC_KINDS],
        validation: { isRequired: true },
      }),
      // A string to Prisma: its enum for user_role is User's (one Prisma enum per database type); PostgreSQL casts.
      role: select({
        type: 'string',
        options: ROLES,
        validation: { isRequired: true },
        ui: { description: 'A role without a deadline for a kind does not file that kind.' },
      }),
      dueAfterMinutes: integer({
        validation: { isRequired: true, min: -10080, max: 131040 },
        db: column('due_after_minutes'),
        ui: {
          description:
            'Minutes after the period ends (24:00 of its last day, company time). Daily: 540 = next day 09:00. Weekly: 0 = Sunday 24:00, 720 = next Monday 12:00. Monthly: 4320 = the 3rd of the next month at 24:00, 7200 = the 5th at 24:00. Quarterly: 21600 = 15 days after the quarter.',
        },
      }),
      // The offset in days and hours, so an admin need not count minutes.
      dueAfter: virtual({
        field: g.field({
          type: g.String,
          resolve: (item, _args, context) =>
            deadlineOffsetText(Number(item.dueAfterMinutes), languageFromHeader(context.req?.headers['accept-language'])),
        }),
        ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } },
      }),
      description: text({ db: { isNullable: true }, ui: { description: 'The deadline in words, as the API shows it, e.g. 次月 3 日 24:00.' } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: bumpVersion,
      validate: async ({ operation, item, resolvedData, context, addValidationError }) => {
        if (operation === 'delete') return;
        const kind = after<string>(resolvedData, item, 'kind');
        const role = after<string>(resolvedData, item, 'role');
        const same = await context.sudo().db.ReportDeadline.findMany({ where: { kind: { equals: kind }, role: { equals: role } } });
        if (same.some((other) => other.id !== item?.id)) report([{ path: 'role', message: 'already has a deadline for this kind of report' }], addValidationError, context);
      },
    },
  }),

  ExpenseCategory: list({
    // Claim lines point at their category: it is never deleted, only deactivated.
    access: { operation: { ...adminOnly.operation, delete: () => false } },
    db: { map: 'expense_category' },
    ui: { hideDelete: true, listView: { initialColumns: ['code', 'name', 'nameEn', 'position', 'active'], initialSort: { field: 'position', direction: 'ASC' } } },
    fields: {
      code: text({
        isIndexed: 'unique',
        validation: { isRequired: true },
        ui: { description: 'Stable code that integrations and reports use, e.g. TRAVEL; better not changed once claims use it.' },
      }),
      name: text({ validation: { isRequired: true, length: { max: 200 } }, db: { extendPrismaSchema: nativeType('VarChar(200)') } }),
      nameEn: text({ validation: { length: { max: 200 } }, db: { ...column('name_en', 'VarChar(200)'), isNullable: true } }),
      position: integer({ defaultValue: 0, validation: { isRequired: true }, db: { extendPrismaSchema: nativeType('SmallInt') }, ui: { description: 'Order in pick lists (ascending).' } }),
      active: checkbox({ defaultValue: true, ui: { description: 'Inactive categories stay on old claims but take no new lines.' } }),
      ...bookkeeping,
    },
    hooks: {
      resolveInput: ({ operation, item, resolvedData }) => {
        const data = bumpVersion({ operation, item, resolvedData });
        return typeof data.code === 'string' ? { ...data, code: data.code.trim() } : data;
      },
    },
  }),
};

/** The id a to-one relationship points at after this operation: connected, disconnected, or as stored. */
function relatedIdAfter(resolvedData: Record<string, unknown>, item: Record<string, unknown> | undefined, field: string): string | null | undefined {
  const change = resolvedData[field] as { connect?: { id?: string }; disconnect?: boolean } | undefined;
  if (change?.connect?.id) return change.connect.id;
  if (change?.disconnect) return null;
  return item ? ((item[`${field}Id`] as string | null | undefined) ?? null) : undefined;
}

/** The sum of a scorecard's indicator weights, as the database adds them (`100.00` when complete). */
async function indicatorWeightTotal(context: { prisma: { $queryRawUnsafe: (sql: string, ...values: unknown[]) => Promise<unknown> } }, scorecardId: string): Promise<string> {
  const rows = (await context.prisma.$queryRawUnsafe(
    `select coalesce(sum(weight), 0)::numeric(7,2)::text as total from scorecard_indicator where scorecard_id = $1::uuid`,
    scorecardId,
  )) as { total: string }[];
  return rows[0].total;
}

/** A fixed secret is fine for a development machine; production must bring its own. */
function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET;
  if (secret !== undefined && secret.length >= 32) return secret;
  if (process.env.NODE_ENV === 'production') throw new Error('SESSION_SECRET (32+ characters) is required when NODE_ENV=production');
  return 'development-only-admin-session-secret-0123456789';
}

/** Shown on the sign-in page when the password is right but the account may not use the admin. */
const NOT_AN_ADMIN_MESSAGE: PlainMessageId = 'Only active administrators can sign in to the admin. Use the SalesGraph API or your sales app with this account.';

/**
 * Keystone checks the password and then starts a session for any user; the admin then shows a non-admin nothing but
 * "Access denied". Refusing to start the session turns that into a message on the sign-in page, and no session
 * cookie is ever set for a non-admin.
 */
function adminSessionsOnly(strategy: SessionStrategy<Session>): SessionStrategy<Session> {
  return {
    ...strategy,
    async start({ data, context }) {
      const itemId = (data as { itemId?: string }).itemId;
      const user = itemId === undefined ? null : await context.sudo().query.User.findOne({ where: { id: itemId }, query: 'role status' });
      if (!isAdmin({ session: { data: user ?? undefined } })) throw new Error(translate(NOT_AN_ADMIN_MESSAGE, languageFromHeader(context.req?.headers['accept-language'])));
      return strategy.start({ data, context });
    },
  };
}

const { withAuth } = createAuth({
  listKey: 'User',
  identityField: 'email',
  secretField: 'password',
  sessionData: 'id name role status',
});

const configured = withAuth(
  config({
    db: {
      provider: 'postgresql',
      prismaClientOptions: () => ({ adapter: new PrismaPg({ connectionString: connectionString() }) }),
      idField: { kind: 'uuid' },
      extendPrismaSchema: mapNativeEnums,
    },
    server: {
      port: Number(process.env.ADMIN_PORT ?? 3000),
      extendExpressApp: (app) => {
        app.use(adminSecurityHeaders({ production: process.env.NODE_ENV === 'production' }));
      },
    },
    lists,
    session: adminSessionsOnly(
      statelessSessions({
        secret: sessionSecret(),
        secure: process.env.NODE_ENV === 'production',
      }),
    ),
    ui: { isAccessAllowed: (context) => isAdmin({ session: context.session }), getAdditionalFiles: adminBuildFiles },
    // The dashboard's achievement query (admins only); then labels, descriptions and select options in the
    // language of the admin's browser.
    graphql: { extendGraphqlSchema: (schema) => translateAdminMeta(performanceExtension(isAdmin)(schema)) },
    telemetry: false,
  }),
);

const authFiles = configured.ui?.getAdditionalFiles ?? (() => []);

export default { ...configured, ui: { ...configured.ui, getAdditionalFiles: async () => withTranslatedSignin(await authFiles()) } };
