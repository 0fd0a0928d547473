import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * README "Pipeline funnel and rolling forecasts": each example query (a ```graphql block marked
 * `compared by tests/forecasts.readme.e2e.test.ts as <email>: rows <path>`) is run as that login on the demo year, and
 * the list at `<path>` of its answer must be exactly the table that follows the block (nested objects as dotted
 * columns; a refused query is the one-cell table `FORBIDDEN`).
 */
const README_PATH = path.join(__dirname, '..', 'README.md');
const README = readFileSync(README_PATH, 'utf8');
const EXAMPLE = /<!-- doc-test: skip \(compared by tests\/forecasts\.readme\.e2e\.test\.ts as (\S+): rows ([\w.]+)\) -->\n```graphql\n([\s\S]*?)```\n\n((?:\|.*\|\n)+)/g;

interface Example {
  name: string;
  login: string;
  rowsPath: string;
  query: string;
  table: string;
}

function examples(): Example[] {
  return [...README.matchAll(EXAMPLE)].map((match) => {
    const definition = parse(match[3]!).definitions[0] as { name?: { value: string } };
    return { name: definition.name?.value ?? '?', login: match[1]!, rowsPath: match[2]!, query: match[3]!, table: match[4]! };
  });
}

/** An object's leaves as dotted keys, in the order the answer has them. */
function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, item]) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? flatten(item as Record<string, unknown>, `${prefix}${key}.`) : [[`${prefix}${key}`, item] as [string, unknown]],
  );
}

const cell = (value: unknown): string => (value === null || value === undefined ? 'null' : Array.isArray(value) ? value.join(' / ') : String(value));

/** Whether `key` is an object that other rows spell out in dotted columns (a null adjustment beside a set one). */
function isSpelledOut(key: string, rows: Map<string, unknown>[]): boolean {
  return rows.some((row) => [...row.keys()].some((other) => other.startsWith(`${key}.`)));
}

/** The list at `rowsPath` of an answer as a Markdown table. */
function table(body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }, rowsPath: string): string {
  if (body.data === null || body.data === undefined) return `| ${body.errors?.[0]?.extensions?.code ?? 'no data'} |\n|---|\n`;
  let rows: unknown = body.data;
  for (const key of rowsPath.split('.')) rows = (rows as Record<string, unknown>)[key];
  const flat = (rows as Record<string, unknown>[]).map((row) => new Map(flatten(row)));
  // Columns in the order the answer has them; a null object (no adjustment) reads null in each of its columns.
  const header = [...new Set(flat.flatMap((row) => [...row.keys()]))].filter((key) => flat.some((row) => row.has(key) && !isSpelledOut(key, flat)));
  const value = (row: Map<string, unknown>, key: string) => (row.has(key) ? row.get(key) : null);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...flat.map((row) => `| ${header.map((key) => cell(value(row, key))).join(' | ')} |`)];
  return `${lines.join('\n')}\n`;
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
}, 120_000);

afterAll(() => app.close());

it('has the section’s examples', () => {
  expect(examples().map((example) => example.name)).toEqual([
    'CompanyFunnel',
    'MyFunnel',
    'FinanceFunnel',
    'CompanyForecast',
    'MyTeamForecast',
    'MyForecast',
    'RegionAccuracy',
    'PartnerForecast',
  ]);
});

it('each example answers as README shows', async () => {
  // FORECASTS_README=write fills README's tables in from the running code (review the diff before committing).
  let text = README;
  for (const example of examples()) {
    const token = await app.tokenFor(example.login);
    const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query: example.query });
    const actual = table(response.body, example.rowsPath);
    if (process.env.FORECASTS_README === 'write') text = text.replace(`${example.query}\`\`\`\n\n${example.table}`, `${example.query}\`\`\`\n\n${actual}`);
    else expect({ example: example.name, table: example.table }).toEqual({ example: example.name, table: actual });
  }
  if (process.env.FORECASTS_README === 'write') writeFileSync(README_PATH, text);
});
