import { getContext } from '@keystone-6/core/context';
import type { KeystoneContext } from '@keystone-6/core/types';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import config from '../admin/keystone';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The admin's labels in both languages, read from Keystone's admin meta as the admin UI reads it: every list, every
 * field and every select option of admin/keystone.ts has its Chinese, and English stays Keystone's own.
 */
// The Prisma client as `keystone build` bundles it (npm test runs `keystone build --frozen` first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PrismaModule = require('../admin/.keystone/prisma.js');

let app: TestApp;
let context: KeystoneContext;

interface FieldMeta {
  key: string;
  label: string;
  description: string | null;
  fieldMeta: { options?: { label: string; value: string }[] } | null;
}

interface ListMeta {
  key: string;
  label: string;
  singular: string;
  plural: string;
  fields: FieldMeta[];
}

const ADMIN_META = '{ keystone { adminMeta { lists { key label singular plural fields { key label description fieldMeta } } } } }';

/** The admin meta as a browser sending `accept-language` gets it. */
async function adminMeta(acceptLanguage: string): Promise<ListMeta[]> {
  const request = new IncomingMessage(new Socket());
  request.headers['accept-language'] = acceptLanguage;
  const viewer = (await context.withRequest(request)).sudo();
  const result = (await viewer.graphql.run({ query: ADMIN_META })) as { keystone: { adminMeta: { lists: ListMeta[] } } };
  return result.keystone.adminMeta.lists;
}

beforeAll(async () => {
  app = await createTestApp();
  process.env.DATABASE_URL = app.orm.config.getClientUrl();
  context = getContext(config, PrismaModule);
});

afterAll(async () => {
  await context.prisma.$disconnect();
  await app.close();
});

const HAN = /\p{Script=Han}/u;

describe('the admin meta for a Chinese browser', () => {
  it('names every list and labels every field, description and option differently from English', async () => {
    const [zh, en] = await Promise.all([adminMeta('zh-CN,zh;q=0.9'), adminMeta('en')]);
    expect(zh.map((list) => list.key).sort()).toEqual(Object.keys(config.lists).sort());
    const english = new Map(en.map((list) => [list.key, { ...list, fields: new Map(list.fields.map((field) => [field.key, field])) }]));
    const untranslated = zh.flatMap((list) => {
      const same = english.get(list.key)!;
      return [
        ...(['label', 'singular', 'plural'] as const).filter((name) => list[name] === same[name]).map((name) => `${list.key} (${name})`),
        ...list.fields.flatMap((field) => {
          const other = same.fields.get(field.key)!;
          const options = new Map((other.fieldMeta?.options ?? []).map((option) => [option.value, option.label]));
          return [
            ...(field.key !== 'id' && field.label === other.label ? [`${list.key}.${field.key}`] : []),
            ...(field.description && field.description === other.description ? [`${list.key}.${field.key} (description)`] : []),
            ...(field.fieldMeta?.options ?? []).filter((option) => option.label === options.get(option.value)).map((option) => `${list.key}.${field.key}: ${option.value}`),
          ];
        }),
      ];
    });
    expect(untranslated).toEqual([]);
    expect(zh.every((list) => HAN.test(list.label))).toBe(true);
  });

  it('shows the product list as a Chinese admin sees it', async () => {
    const product = (await adminMeta('zh-CN')).find((list) => list.key === 'Product')!;
    expect(product).toMatchObject({ label: '产品', singular: '产品', plural: '产品' });
    const fields = Object.fromEntries(product.fields.map((field) => [field.key, field]));
    expect(fields.unitCost.label).toBe('单位成本');
    expect(fields.status.fieldMeta?.options).toEqual([
      { label: '在售', value: 'ACTIVE' },
      { label: '草稿', value: 'DRAFT' },
      { label: '停产', value: 'DISCONTINUED' },
    ]);
  });
});

describe('the report deadlines for a Chinese admin', () => {
  it('names the list, its kinds and roles, and shows the offset in days and hours', async () => {
    const deadline = (await adminMeta('zh-CN')).find((list) => list.key === 'ReportDeadline')!;
    expect(deadline.label).toBe('报告截止时间');
    const fields = Object.fromEntries(deadline.fields.map((field) => [field.key, field]));
    expect(fields.dueAfterMinutes.description).toContain('4320 = 次月 3 日 24:00');
    expect(fields.kind.fieldMeta?.options).toEqual([
      { label: '日报', value: 'DAILY' },
      { label: '周报', value: 'WEEKLY' },
      { label: '月报', value: 'MONTHLY' },
      { label: '季度述职', value: 'QUARTERLY' },
    ]);
    const request = new IncomingMessage(new Socket());
    request.headers['accept-language'] = 'zh-CN';
    const viewer = (await context.withRequest(request)).sudo();
    const rows = await viewer.query.ReportDeadline.findMany({ where: { role: { equals: 'TEAM_MANAGER' } }, query: 'kind dueAfter', orderBy: { kind: 'asc' } });
    expect(rows).toEqual([
      { kind: 'WEEKLY', dueAfter: '期末后 12 小时' },
      { kind: 'MONTHLY', dueAfter: '期末后 5 天 0 小时' },
      { kind: 'QUARTERLY', dueAfter: '期末后 15 天 0 小时' },
    ]);
  });
});

it('an English (or any other) browser gets Keystone’s English', async () => {
  for (const language of ['en-US', 'fr']) {
    const product = (await adminMeta(language)).find((list) => list.key === 'Product')!;
    expect(product).toMatchObject({ label: 'Products', singular: 'Product' });
    expect(product.fields.find((field) => field.key === 'unitCost')?.label).toBe('Unit Cost');
    expect(product.fields.find((field) => field.key === 'status')?.fieldMeta?.options?.map((option) => option.label)).not.toContain('在售');
  }
});
