import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * README "Sales analysis": each example query (a ```graphql block marked `compared by
 * tests/analytics.readme.e2e.test.ts as <email>`) is run as the login named on the demo year, and must answer exactly
 * the ```json block that follows it. ANALYTICS_README=write fills the answers in from the running code (review the
 * diff before committing).
 */
const README_PATH = path.join(__dirname, '..', 'README.md');
const README = readFileSync(README_PATH, 'utf8');
const EXAMPLE = /<!-- doc-test: skip \(compared by tests\/analytics\.readme\.e2e\.test\.ts as ([^)]*?)\) -->\n```graphql\n([\s\S]*?)```\n/g;

interface Example {
  name: string;
  login: string;
  query: string;
  answer: string;
}

function examples(): Example[] {
  return [...README.matchAll(EXAMPLE)].map((match) => {
    const rest = README.slice(match.index! + match[0].length);
    const answer = rest.match(/^\n?```json\n([\s\S]*?)```\n|^@@ANSWER@@/)?.[0] ?? '';
    const definition = parse(match[2]).definitions[0] as { name?: { value: string } };
    return { name: definition.name?.value ?? '?', login: match[1].trim(), query: match[2], answer };
  });
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
}, 120_000);

afterAll(() => app.close());

/** JSON as README shows it: objects over lines, the items of a list of objects one per line. */
function compact(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.every((item) => item === null || typeof item !== 'object')) return JSON.stringify(value);
    return `[\n${value.map((item) => `${indent}  ${JSON.stringify(item)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${indent}  ${JSON.stringify(key)}: ${compact(item, `${indent}  `)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

async function answer(query: string, email: string): Promise<string> {
  const token = await app.tokenFor(email);
  const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query });
  const body: Record<string, unknown> = { data: response.body.data };
  if (response.body.errors) {
    // One line per refused field, not per row: which fields, and their code.
    const refused = new Set<string>(response.body.errors.map((error: { path: (string | number)[]; extensions: { code: string } }) =>
      `${error.extensions.code} ${error.path.filter((part) => typeof part === 'string').join('.')}`));
    body.errors = [...refused].sort();
  }
  return compact(body);
}

it('has the section’s examples, a query per role', () => {
  expect(examples().map((example) => example.name)).toEqual(['SalesByRegion', 'EastByTeamAndMonth', 'TeamByRep', 'MyMonths', 'ServiceByChannel', 'Renewals', 'MyChannel', 'TeamFulfilment']);
});

it('each example answers as README shows, for the login named', async () => {
  let text = README;
  for (const example of examples()) {
    const actual = await answer(example.query, example.login);
    if (process.env.ANALYTICS_README === 'write') text = text.replace(example.answer, `\`\`\`json\n${actual}\n\`\`\`\n`);
    else expect({ example: example.name, answer: example.answer.replace(/^\n?```json\n|```\n$/g, '').trim() }).toEqual({ example: example.name, answer: actual });
  }
  if (process.env.ANALYTICS_README === 'write') writeFileSync(README_PATH, text);
}, 120_000);
