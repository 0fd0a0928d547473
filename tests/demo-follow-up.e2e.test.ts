import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { createTestApp, type TestApp } from './support/test-app';

/** The demo follow-ups (seeds/demo-follow-up.seeder.ts): set-based and quick, once, with every status and far check-ins. */
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(() => app.close());

it('seeds in a few seconds at most, once', async () => {
  const started = Date.now();
  expect(await seedDemoFollowUpIfEmpty(app.orm, app.config)).toBe(true);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(await seedDemoFollowUpIfEmpty(app.orm, app.config)).toBe(false);
});

it('has plans in every status, far and near check-ins, follow-ups and coordinates for every customer', async () => {
  const [row] = await app.orm.em.fork().execute<Record<string, string>[]>(
    `select (select string_agg(distinct case when status = 'PLANNED' and planned_at < now() - interval '1 day' then 'MISSED' else status::text end, ',' order by case when status = 'PLANNED' and planned_at < now() - interval '1 day' then 'MISSED' else status::text end) from visit_plan) as statuses,
            (select count(*) filter (where far) || '/' || count(*) from visit_check_in) as far,
            (select count(*)::text from opportunity_follow_up) as follow_ups,
            (select count(*) filter (where latitude is null)::text from customer) as without_coordinates,
            (select count(*)::text from visit_plan where recurrence_every is not null) as regular`,
  );
  expect(row).toEqual({ statuses: 'CANCELLED,DONE,MISSED,PLANNED', far: '2/6', follow_ups: '27', without_coordinates: '0', regular: '4' });
});
