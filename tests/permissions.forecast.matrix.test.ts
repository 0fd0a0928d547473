import { collectPolicy } from '../api/permissions/shield';
import { CREATE_API_KEY } from './graphql/documents';
import { ADJUST_FORECAST, FORECAST_ADJUSTMENTS, FORECAST_MATRIX_SUBMISSION, FORECAST_ROLLUP, PROPOSE_FORECAST, SUBMIT_FORECAST } from './graphql/forecasts.documents';
import { people, units, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Who reads which forecasts and who may submit and adjust them, role by role, written out by hand so the table is the
 * spec. The data: the demo year's forecasts (every seller submits every month; some team and region adjustments).
 *
 * `submission`: 赵磊's (上海一组) June submission — `read`, `refused` (FORBIDDEN by the service: not his, not his
 * chain) or `denied` (FORBIDDEN by the operation rule). `rollup`: 上海一组's roll-up, the same way. `adjustments`: the
 * June adjustments listed (`all`, those of 华东's subtree, of 上海一组, none) or `denied`. Writes: those the role's rule
 * lets through, called with a month that is no first day so the service refuses them (BAD_USER_INPUT) and nothing
 * is written; the others are FORBIDDEN.
 */
type Read = 'read' | 'refused' | 'denied';
interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  submission: Read;
  rollup: Read;
  adjustments: 'all' | 'east' | 'shanghai1' | 'none' | 'denied';
  writes: ('submitForecast' | 'adjustForecast' | 'proposeForecast')[];
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', submission: 'read', rollup: 'read', adjustments: 'all', writes: ['adjustForecast'] },
  { role: 'SALES_VP', as: 'vp', submission: 'read', rollup: 'read', adjustments: 'all', writes: ['adjustForecast'] },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', submission: 'read', rollup: 'read', adjustments: 'east', writes: ['submitForecast', 'adjustForecast', 'proposeForecast'] },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', submission: 'read', rollup: 'read', adjustments: 'shanghai1', writes: ['submitForecast', 'adjustForecast', 'proposeForecast'] },
  { role: 'SALES_REP', as: 'shanghai1Rep', submission: 'read', rollup: 'refused', adjustments: 'none', writes: ['submitForecast', 'proposeForecast'] },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', submission: 'refused', rollup: 'refused', adjustments: 'none', writes: ['submitForecast', 'proposeForecast'] },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', submission: 'refused', rollup: 'refused', adjustments: 'none', writes: [] },
  { role: 'TECH_SUPPORT', as: 'techSupport', submission: 'refused', rollup: 'refused', adjustments: 'none', writes: [] },
  { role: 'FINANCE', as: 'finance', submission: 'read', rollup: 'read', adjustments: 'all', writes: [] },
  { role: 'PARTNER', as: 'partner', submission: 'denied', rollup: 'denied', adjustments: 'denied', writes: [] },
  { role: 'INTEGRATION', as: 'integrationKey', submission: 'read', rollup: 'read', adjustments: 'all', writes: [] },
];

const FORECAST_OPERATIONS = {
  Query: ['forecastAccuracy', 'forecastAdjustments', 'forecastRollup', 'forecastSubmission', 'proposeForecast'],
  Mutation: ['adjustForecast', 'submitForecast'],
};
const FORECAST_TYPES = ['ForecastSubmission', 'ForecastLine', 'ForecastAdjustment', 'ForecastRollup', 'ForecastMonth', 'ForecastMonthAdjustment', 'ProposedForecastMonth', 'ForecastAccuracy', 'ForecastAccuracyRow'];
const FUNNEL_TYPES = ['PipelineFunnel', 'FunnelStage', 'FunnelOutcome', 'FunnelReason', 'FunnelAgeingBucket', 'FunnelSlippage'];
/** Guarded fields of the report types: only those derived from a guarded field (the stage and close-date history, probabilities). */
const GUARDED_FIELDS = [
  'FunnelOutcome.reasons',
  'FunnelSlippage.averageDaysPostponed',
  'FunnelSlippage.postponedAmount',
  'FunnelSlippage.postponedCount',
  'FunnelStage.averageDaysInStage',
  'FunnelStage.conversionRate',
  'FunnelStage.reached',
  'FunnelStage.weightedAmount',
  'PipelineFunnel.ageingSinceStageMove',
];

const JUNE = '2026-06-01';
let app: TestApp;
const auths = new Map<string, Auth>();
const expectedAdjustments = new Map<string, number>();

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  const admin = { token: await app.tokenFor(people.admin.email) };
  const created = await app.gql(CREATE_API_KEY, { input: { name: 'Forecast export', scopes: ['READ_PERFORMANCE'], userId: userId(people.integration) } }, admin);
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
  const counts = await app.orm.em.fork().execute<{ scope: string; n: number }[]>(
    `select 'all' as scope, count(*)::int as n from forecast_adjustment where period_month = ?
     union all
     select s.scope, count(a.id)::int from (values ('east', ?::uuid), ('shanghai1', ?::uuid)) s(scope, unit_id)
       join org_unit root on root.id = s.unit_id
       left join org_unit ou on starts_with(ou.path, root.path)
       left join forecast_adjustment a on a.org_unit_id = ou.id and a.period_month = ?
      group by s.scope`,
    [JUNE, units.east, units.shanghai1, JUNE],
  );
  for (const count of counts) expectedAdjustments.set(count.scope, count.n);
  expectedAdjustments.set('none', 0);
}, 120_000);

afterAll(async () => {
  await app.close();
});

async function authFor(as: string): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

const WRITES = {
  submitForecast: (auth: Auth) =>
    app.gql(SUBMIT_FORECAST, { input: { lines: ['2026-12-02', '2027-01-01', '2027-02-01'].map((month) => ({ month, commit: '1', bestCase: '1', pipeline: '1' })) } }, auth),
  adjustForecast: (auth: Auth) =>
    app.gql(ADJUST_FORECAST, { input: { orgUnitId: units.shanghai1, month: '2026-12-02', commit: '1', bestCase: '1', pipeline: '1', reason: 'x' } }, auth),
  proposeForecast: (auth: Auth) => app.gql(PROPOSE_FORECAST, { months: 9 }, auth),
};

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  it('covers every forecast operation', () => {
    const policy = collectPolicy(app.server.schema);
    const forecastRules = new Set(['forecast-readers', 'forecast-submitters', 'forecast-adjusters']);
    for (const [root, names] of Object.entries(FORECAST_OPERATIONS)) {
      const listed = policy.fields.filter((entry) => entry.typeName === root && entry.fieldName.toLowerCase().includes('forecast') && forecastRules.has(entry.rule.name));
      expect(listed.map((entry) => entry.fieldName).sort()).toEqual(names);
    }
  });

  it('lists every guarded field of the funnel and forecast types (the forecast types have none: the row scope decides)', () => {
    const policy = collectPolicy(app.server.schema);
    const guarded = policy.fields.filter((entry) => [...FORECAST_TYPES, ...FUNNEL_TYPES].includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual(GUARDED_FIELDS);
    for (const type of [...FORECAST_TYPES, ...FUNNEL_TYPES]) expect(policy.types.get(type)?.name).toBe('row-readers');
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`submission ${row.submission}, roll-up ${row.rollup}, adjustments ${row.adjustments}`, async () => {
    const auth = await authFor(row.as);
    const submission = await app.gql(FORECAST_MATRIX_SUBMISSION, { userId: userId(people.shanghai1Rep), periodMonth: JUNE }, auth);
    const rollup = await app.gql(FORECAST_ROLLUP, { orgUnitId: units.shanghai1, from: JUNE, months: 3 }, auth);
    for (const [response, expected] of [
      [submission, row.submission],
      [rollup, row.rollup],
    ] as const) {
      if (expected === 'read') {
        expect(response.errors).toBeUndefined();
      } else {
        expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
        // A refusal by the service names why; a refusal by the operation rule names the rule.
        if (expected === 'refused') expect(response.errors![0]!.extensions?.reason).toBe('NOT_READABLE');
        else expect(response.errors![0]!.extensions?.allowedFor).toEqual(expect.any(String));
      }
    }
    if (row.submission === 'read') expect(submission.data!.forecastSubmission!.lines.length).toBeGreaterThanOrEqual(3);
    const adjustments = await app.gql(FORECAST_ADJUSTMENTS, { periodMonth: JUNE }, auth);
    if (row.adjustments === 'denied') {
      expect(adjustments.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    } else {
      expect(adjustments.errors).toBeUndefined();
      expect(adjustments.data!.forecastAdjustments).toHaveLength(expectedAdjustments.get(row.adjustments)!);
    }
  });

  it(`writes: ${row.writes.join(', ') || 'none'}`, async () => {
    const auth = await authFor(row.as);
    for (const [name, call] of Object.entries(WRITES)) {
      const response = await call(auth);
      const code = response.errors?.[0]?.extensions?.code;
      if ((row.writes as string[]).includes(name)) expect({ name, code }).toEqual({ name, code: 'BAD_USER_INPUT' });
      else expect({ name, code }).toEqual({ name, code: 'FORBIDDEN' });
    }
  });
});

it('the demo June has adjustments to show', () => {
  expect(expectedAdjustments.get('all')).toBeGreaterThan(0);
});
