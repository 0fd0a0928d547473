import 'reflect-metadata';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, withDatabase } from '../../api/database/database-url';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/database/embedded-postgres';
import { migrate, openOrm } from '../../api/database/orm';
import { loadConfig } from '../../api/config';
import { DemoCompanySeeder } from '../../seeds/demo-company.seeder';
import { seedDemoOrdersIfEmpty } from '../../seeds/demo-orders.seeder';
import { seedDemoPerformanceIfEmpty } from '../../seeds/demo-performance.seeder';
import { seedDemoForecastsIfEmpty } from '../../seeds/demo-forecasts.seeder';
import { seedDemoReportsIfEmpty } from '../../seeds/demo-reports.seeder';
import { seedDemoExpensesIfEmpty } from '../../seeds/demo-expenses.seeder';
import { seedDemoFollowUpIfEmpty } from '../../seeds/demo-follow-up.seeder';
import { seedDemoNotificationsIfEmpty } from '../../seeds/demo-notifications.seeder';
import { seedDemoSalesIfEmpty } from '../../seeds/demo-sales.seeder';
import { seedDemoAnalyticsIfEmpty } from '../../seeds/demo-analytics.seeder';
import { freePort } from './free-port';
import { createDatabaseFromTemplate, DEMO_YEAR_TEMPLATE_ENV, dropDatabase, SERVER_URL_ENV, TEMPLATE_ENV } from './test-database';

declare global {
  var salesgraphTestPostgres: EmbeddedDatabase | undefined;
}

/**
 * Starts one real PostgreSQL for the run (or uses TEST_DATABASE_URL) and prepares a template database, migrated
 * and seeded with the demo company, that every test file copies into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'salesgraph-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
    chmodSync(parent, 0o755);
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(parent, 'postgres'),
      port: await freePort(),
      persistent: false,
    });
    globalThis.salesgraphTestPostgres = embedded;
    serverUrl = embedded.url;
  }
  const template = `salesgraph_test_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await ensureDatabase(serverUrl, template);
  const orm = await openOrm(withDatabase(serverUrl, template));
  try {
    await migrate(orm);
    await orm.getSeeder().seed(DemoCompanySeeder);
  } finally {
    await orm.close(true);
    // MikroORM and type-graphql keep their metadata on globalThis. Left here, it leaks into a test file that jest
    // runs in this same process (a single file runs in band) and clashes with that file's own entity classes.
    delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
    delete (globalThis as Record<string, unknown>).TypeGraphQLMetadataStorage;
  }
  // The demo year is seeded in one transaction of a minute or more. Seeded here, before any test file runs: while it
  // ran beside them, its transaction id held back the event stream of every database on the server (the oldest
  // running transaction is server-wide), and their events waited for it.
  const demoYearTemplate = `salesgraph_test_demo_year_${process.pid}`;
  await dropDatabase(serverUrl, demoYearTemplate);
  const demoYearUrl = await createDatabaseFromTemplate(serverUrl, template, demoYearTemplate);
  const demoYearOrm = await openOrm(demoYearUrl);
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: demoYearUrl });
    await seedDemoSalesIfEmpty(demoYearOrm, config);
    await seedDemoOrdersIfEmpty(demoYearOrm, config);
    await seedDemoPerformanceIfEmpty(demoYearOrm, config);
    await seedDemoForecastsIfEmpty(demoYearOrm, config);
    await seedDemoReportsIfEmpty(demoYearOrm, config);
    await seedDemoExpensesIfEmpty(demoYearOrm, config);
    await seedDemoFollowUpIfEmpty(demoYearOrm, config);
    await seedDemoAnalyticsIfEmpty(demoYearOrm, config);
    await seedDemoNotificationsIfEmpty(demoYearOrm, config);
  } finally {
    await demoYearOrm.close(true);
    delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
    delete (globalThis as Record<string, unknown>).TypeGraphQLMetadataStorage;
  }
  process.env[SERVER_URL_ENV] = serverUrl;
  process.env[TEMPLATE_ENV] = template;
  process.env[DEMO_YEAR_TEMPLATE_ENV] = demoYearTemplate;
}
