import type { GraphQLFormattedError } from 'graphql';
import { seedDemoFollowUpIfEmpty } from '../../seeds/demo-follow-up.seeder';
import { seedDemoOrdersIfEmpty } from '../../seeds/demo-orders.seeder';
import { seedDemoReportsIfEmpty } from '../../seeds/demo-reports.seeder';
import { seedDemoSalesIfEmpty } from '../../seeds/demo-sales.seeder';
import { runNotificationRules, withPgClient } from '../../schema/notifications/notification-runner';
import { people } from '../fixtures/demo-people';
import { createTestApp, type TestApp } from '../support/test-app';
import { BASELINES, loadFixtures, type Actor, type Fixtures } from './baselines';
import { casesFor, documentOf, type Case } from './bad-values';
import { changedTables, snapshotSql, takeSnapshot, type DatabaseSnapshot } from './db-snapshot';

/**
 * The bad-input corpus: generated from the built schema, every argument of every query and mutation (and every
 * field of their input types) gets wrong types, out-of-range numbers, too-long text, NUL bytes, control
 * characters, invisible names, unpaired surrogates, year-0000 and year-10000 dates, malformed and mistyped cursors,
 * unknown enum values and ids, ids outside the caller's records and stale versions. Each case is sent over HTTP as
 * the demo person its operation is for, and must get: a status below 500, a code on every error, the field path on
 * every BAD_USER_INPUT (the path of the bad value, where the case expects one), and not one row changed in any table.
 */

/** Requests in flight at once; the tables are compared after each group. */
const GROUP = 8;

let app: TestApp;
let fixtures: Fixtures;
let snapshot: DatabaseSnapshot;
let sql: string;
const tokens = new Map<Actor, string | null>();
let casesRun = 0;

beforeAll(async () => {
  // No webhook or mail worker: either would change its queue while the cases run, and the cases must change nothing.
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false', MAIL_DELIVERY: 'false' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoOrdersIfEmpty(app.orm, app.config);
  await seedDemoReportsIfEmpty(app.orm, app.config);
  await seedDemoFollowUpIfEmpty(app.orm, app.config);
  // The seed's approvals would otherwise reach the inboxes through the outbox feed while the cases run: notified
  // now, every cause they have is taken, and the feed's later runs find nothing new.
  const { companyTimeZone: timeZone, notifications } = app.config;
  await withPgClient(app.orm, (db) => runNotificationRules(db, { timeZone, leadUnworkedDays: notifications.leadUnworkedDays }));
  fixtures = await loadFixtures(app.orm.em.fork());
  // Everyone signs in first: the login cases come later and must not stand in the way of anyone's sign-in. The
  // snapshot is taken after, since signing in records sessions.
  const actors = new Set(Object.values(BASELINES).flatMap((baseline) => [baseline.as, baseline.outsider ?? baseline.as]));
  for (const actor of actors) await tokenOf(actor);
  sql = await snapshotSql(app.orm.em.fork());
  snapshot = await takeSnapshot(app.orm.em.fork(), sql);
});

afterAll(async () => {
  await app.close();
});

async function tokenOf(actor: Actor): Promise<string | null> {
  if (!tokens.has(actor)) tokens.set(actor, actor === 'anonymous' ? null : await app.tokenFor(people[actor].email));
  return tokens.get(actor)!;
}

interface Outcome {
  status: number;
  errors: GraphQLFormattedError[];
}

async function send(testCase: Case): Promise<Outcome> {
  const token = await tokenOf(testCase.as);
  let call = app.request.post('/graphql').set('content-type', 'application/json');
  if (token !== null) call = call.set('authorization', `Bearer ${token}`);
  const response = await call.send({ query: documentOf(app.server.schema, testCase), variables: testCase.variables });
  return { status: response.status, errors: (response.body?.errors as GraphQLFormattedError[] | undefined) ?? [] };
}

/** Whether `reported` names the bad value at `path`, or the object or list it sits in, or a value inside it. */
function names(reported: string, path: string): boolean {
  return reported === path || path.startsWith(`${reported}.`) || reported.startsWith(`${path}.`);
}

/** What is wrong with one case's answer (empty: nothing). */
function problemsOf(testCase: Case, outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.status >= 500) problems.push(`HTTP ${outcome.status}`);
  for (const error of outcome.errors) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') problems.push(`an error without a code: ${error.message}`);
    if (code === 'INTERNAL_SERVER_ERROR') problems.push(`INTERNAL_SERVER_ERROR: ${error.message}`);
    if (code === 'BAD_USER_INPUT') {
      const fields = error.extensions?.fields as { path?: unknown }[] | undefined;
      if (!Array.isArray(fields) || fields.length === 0 || fields.some((field) => typeof field.path !== 'string')) {
        problems.push(`BAD_USER_INPUT without field paths: ${error.message}`);
      }
    }
  }
  const expected = testCase.expect;
  if (expected.kind === 'refused' && outcome.errors.length === 0) problems.push('accepted, but should be refused');
  if (expected.kind === 'input') {
    const named = outcome.errors.some(
      (error) =>
        error.extensions?.code === 'BAD_USER_INPUT' &&
        ((error.extensions?.fields as { path: string }[] | undefined) ?? []).some((field) => names(field.path, expected.path)),
    );
    if (!named) {
      const got = outcome.errors.map((error) => `${String(error.extensions?.code)} ${JSON.stringify(error.extensions?.fields ?? error.message)}`).join('; ');
      problems.push(`expected BAD_USER_INPUT at ${expected.path}, got ${got || 'no error'}`);
    }
  }
  return problems;
}

/** Runs the cases in groups, comparing every table after each group; returns every failure, described. */
async function run(cases: Case[]): Promise<string[]> {
  const failures: string[] = [];
  for (let start = 0; start < cases.length; start += GROUP) {
    const group = cases.slice(start, start + GROUP);
    const outcomes = await Promise.all(group.map(send));
    group.forEach((testCase, index) => {
      const problems = problemsOf(testCase, outcomes[index]);
      if (problems.length > 0) failures.push(`${testCase.name} (as ${testCase.as}): ${problems.join(' | ')}`);
    });
    const after = await takeSnapshot(app.orm.em.fork(), sql);
    const changed = changedTables(snapshot, after);
    if (changed.length > 0) {
      failures.push(`tables ${changed.join(', ')} changed by one of: ${group.map((testCase) => testCase.name).join(' / ')}`);
      snapshot = after;
    }
  }
  casesRun += cases.length;
  return failures;
}

/** Queries and mutations with arguments in the built schema. */
function operationsWithArguments(): string[] {
  const schema = app.server.schema;
  return [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => field.args.length > 0)
      .map((field) => `${type.name}.${field.name}`),
  );
}

describe('the bad-input corpus', () => {
  it('has no baseline for an operation the schema no longer has', () => {
    expect(Object.keys(BASELINES).filter((coordinate) => !operationsWithArguments().includes(coordinate))).toEqual([]);
  });

  it.each(Object.keys(BASELINES).sort())('%s: every bad value refused with its path, nothing written', async (coordinate) => {
    const cases = casesFor(app.server.schema, coordinate, BASELINES[coordinate], fixtures);
    expect(await run(cases)).toEqual([]);
  });

  it('operations without a baseline yet: the same cases, as an admin, from plain valid arguments', async () => {
    const failures: string[] = [];
    for (const coordinate of operationsWithArguments().filter((name) => BASELINES[name] === undefined)) {
      failures.push(...(await run(casesFor(app.server.schema, coordinate, { as: 'admin', args: () => ({}) }, fixtures))));
    }
    expect(failures).toEqual([]);
  });

  it('ran at least 300 cases', () => {
    if (process.env.BAD_INPUT_REPORT) process.stdout.write(`bad-input corpus: ${casesRun} cases\n`);
    expect(casesRun).toBeGreaterThanOrEqual(300);
  });

  it('would notice a write: the createLead baseline itself is accepted and changes the lead table', async () => {
    const control = casesFor(app.server.schema, 'Mutation.createLead', BASELINES['Mutation.createLead'], fixtures).find((testCase) => testCase.name.endsWith('with an argument it does not have'))!;
    const outcome = await send({ ...control, unknownArgument: false });
    expect(outcome.errors).toEqual([]);
    expect(changedTables(snapshot, await takeSnapshot(app.orm.em.fork(), sql))).toContain('lead');
  });
});
