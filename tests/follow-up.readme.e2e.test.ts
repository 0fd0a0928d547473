import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * README "Follow-up, visit plans and check-ins": each example query (a ```graphql block marked
 * `compared by tests/follow-up.readme.e2e.test.ts as <email> [and <email>]`) is run as each login named, on the demo
 * sales data with the demo follow-ups, and must answer exactly the ```json blocks that follow it, one per login in order.
 */
const README_PATH = path.join(__dirname, '..', 'README.md');
const README = readFileSync(README_PATH, 'utf8');
const EXAMPLE = /<!-- doc-test: skip \(compared by tests\/follow-up\.readme\.e2e\.test\.ts as ([^)]*?)(?::[^)]*)?\) -->\n```graphql\n([\s\S]*?)```\n/g;

interface Example {
  name: string;
  logins: string[];
  query: string;
  answers: string[];
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const match of README.matchAll(EXAMPLE)) {
    const logins = match[1].split(' and ').map((login) => login.trim());
    const query = match[2];
    const rest = README.slice(match.index! + match[0].length);
    const answers = [...rest.matchAll(/\n?```json\n([\s\S]*?)```\n|@@ANSWER@@/g)].slice(0, logins.length).map((answer) => answer[0]);
    const definition = parse(query).definitions[0] as { name?: { value: string } };
    found.push({ name: definition.name?.value ?? '?', logins, query, answers });
  }
  return found;
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoFollowUpIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(() => app.close());

async function answer(query: string, email: string): Promise<string> {
  const token = await app.tokenFor(email);
  const response = await app.request.post('/graphql').set('authorization', `Bearer ${token}`).send({ query });
  const body: Record<string, unknown> = { data: response.body.data };
  if (response.body.errors) body.errors = response.body.errors.map((error: { path: unknown; extensions: { code: unknown } }) => ({ path: error.path, code: error.extensions.code }));
  return compact(body);
}

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

it('has the section’s examples', () => {
  expect(examples().map((example) => example.name)).toEqual(['MyVisitPlans', 'BaosteelCheckIns', 'MyCustomersFollowUp']);
});

it('each example answers as README shows, for each login named', async () => {
  // FOLLOW_UP_README=write fills README's answers in from the running code (review the diff before committing).
  let text = README;
  for (const example of examples()) {
    for (const [index, login] of example.logins.entries()) {
      const actual = await answer(example.query, login);
      const shown = example.answers[index] ?? '';
      if (process.env.FOLLOW_UP_README === 'write') text = text.replace(shown, `\`\`\`json\n${actual}\n\`\`\``);
      else expect({ example: example.name, login, answer: shown.replace(/^\n?```json\n|```\n$/g, '').trim() }).toEqual({ example: example.name, login, answer: actual });
    }
  }
  if (process.env.FOLLOW_UP_README === 'write') writeFileSync(README_PATH, text);
});
