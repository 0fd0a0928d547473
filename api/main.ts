import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { keepEventRetention } from '../schema/events/event-retention';
import { keepContractLifecycle } from '../schema/orders/contract-lifecycle';
import { keepNotificationRules } from '../schema/notifications/notification-runner';
import { seedDemoNotificationsIfEmpty } from '../seeds/demo-notifications.seeder';
import { demoLoginBanner } from '../seeds/demo-logins';
import { seedDemoCompanyIfEmpty } from '../seeds/demo-company.seeder';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoPerformanceIfEmpty } from '../seeds/demo-performance.seeder';
import { seedDemoReportsIfEmpty } from '../seeds/demo-reports.seeder';
import { seedDemoAppraisalsIfEmpty } from '../seeds/demo-appraisals.seeder';
import { seedDemoForecastsIfEmpty } from '../seeds/demo-forecasts.seeder';
import { seedDemoExpensesIfEmpty } from '../seeds/demo-expenses.seeder';
import { seedDemoFollowUpIfEmpty } from '../seeds/demo-follow-up.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { seedDemoAnalyticsIfEmpty } from '../seeds/demo-analytics.seeder';
import { buildAdminIfStale, startAdminUi, type AdminUi } from './admin-ui';
import { loadConfig, type AppConfig } from './config';
import { openDatabase } from './database/database';
import { DASHBOARD_PATH } from './http/dashboard';
import { createLogger } from './logger';
import { createAppServer, GRAPHQL_PATH, type AppServer } from './server';
import { assertPortFree, describeStartupFailure, portError, StartupError, systemErrorCode } from './startup-error';

/** Seconds since this process started, for the "ready" lines. */
const uptime = () => process.uptime().toFixed(1);

/** The settings; a bad one, or a data directory that cannot be written, is a StartupError naming the setting. */
function loadSettings(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    const file = (error as { path?: unknown }).path;
    if (systemErrorCode(error) !== undefined && typeof file === 'string') {
      throw new StartupError(
        `cannot write the data directory: ${systemErrorCode(error)} at ${file}.`,
        'Set SALESGRAPH_DATA_DIR to a directory this user may write (it keeps the embedded PostgreSQL and the development signing secret).',
        { cause: error },
      );
    }
    if (error instanceof Error) throw new StartupError(error.message, 'Fix that setting (README.md, "Configuration") and start again.', { cause: error });
    throw error;
  }
}

/** Every port this start listens on is free and they differ: a taken port fails now, before anything starts. */
async function assertPortsFree(config: AppConfig): Promise<void> {
  const ports: [string, number][] = [['PORT', config.port]];
  if (config.adminUi) ports.push(['ADMIN_PORT', config.adminPort]);
  if (config.databaseUrl === undefined) ports.push(['EMBEDDED_POSTGRES_PORT', config.embeddedPostgresPort]);
  for (const [setting, port] of ports) {
    const same = ports.find(([other, otherPort]) => other !== setting && otherPort === port && port !== 0);
    if (same) throw new StartupError(`${setting} and ${same[0]} are both ${port}.`, `Give each its own port (defaults: PORT 4000, ADMIN_PORT 3000, EMBEDDED_POSTGRES_PORT 54329).`);
  }
  await assertPortFree('the API', config.port, [config.host], 'PORT');
  // Keystone listens on localhost; the embedded PostgreSQL checks its own port when it starts.
  if (config.adminUi) await assertPortFree('the admin UI', config.adminPort, ['localhost'], 'ADMIN_PORT');
}

/** `npm start`: database (embedded unless DATABASE_URL), migrations, demo data when empty, the API, the admin UI. */
async function main(): Promise<void> {
  const config = loadSettings();
  const log = createLogger(config.logLevel);
  await assertPortsFree(config);
  const database = await openDatabase(config, log);
  let server: AppServer | undefined;
  try {
    if (process.env.SEED_DEMO !== 'false') {
      if (await seedDemoCompanyIfEmpty(database.orm)) log.info('demo company seeded');
      if (await seedDemoSalesIfEmpty(database.orm, config)) log.info('demo sales data seeded');
      if (await seedDemoOrdersIfEmpty(database.orm, config)) log.info('demo contracts, orders and payments seeded');
    }
    server = await createAppServer(database.orm, config, log);
    const port = await server.listen(config.port, config.host).catch((error: unknown) => {
      throw portError(error, 'the API', config.port, config.host, 'PORT') ?? error;
    });
    const stopPruning = keepEventRetention(database.orm, config.eventRetentionDays, log);
    const stopContractLifecycle = keepContractLifecycle(database.orm, { renewalWindowDays: config.renewalWindowDays }, log);
    // Without the demo data the rules run at once; with it, after the demo year, whose last step seeds the inboxes.
    let stopNotificationRules: () => Promise<void> = () => Promise.resolve();
    const keepNotifying = () => {
      stopNotificationRules = keepNotificationRules(database.orm, { timeZone: config.companyTimeZone, leadUnworkedDays: config.notifications.leadUnworkedDays }, log);
    };
    if (process.env.SEED_DEMO === 'false') keepNotifying();

    // The embedded PostgreSQL package stops its servers through async-exit-hook on Ctrl-C; registering here too
    // makes the process wait for this shutdown as well before it exits (with 130 after SIGINT, as shells expect).
    let admin: AdminUi | undefined;
    const running = server;
    exitHook((done) => {
      log.info('shutting down');
      Promise.all([running.close(), admin?.stop(), stopPruning(), stopContractLifecycle(), stopNotificationRules()])
        .then(() => database.close())
        .then(() => log.info('stopped'))
        .catch((error: unknown) => log.error({ err: error }, 'shutdown failed'))
        .finally(done);
    });

    const url = `http://localhost:${port}${GRAPHQL_PATH}`;
    console.log(`\n${demoLoginBanner(url)}\n`);
    console.log(`API ready in ${uptime()} s: ${url}\n`);
    console.log(`Managers' dashboard: http://localhost:${port}${DASHBOARD_PATH}\n`);

    // The demo year (a year of orders, payments and visits made through the services, and the targets) takes a minute
    // or more on two cores: the API serves meanwhile, and the year appears at once when its transaction commits.
    if (process.env.SEED_DEMO !== 'false') {
      // In order: appraisals score the year's actuals, work reports link its November visits, and the inboxes are
      // filled last, from everything before them. A step that fails is tried again at the next start.
      const demoYearSteps: [seed: (orm: typeof database.orm, c: AppConfig) => Promise<boolean>, what: string][] = [
        [seedDemoPerformanceIfEmpty, 'demo year (2026 actuals and targets)'],
        [seedDemoAppraisalsIfEmpty, 'demo scorecards and appraisals'],
        [seedDemoForecastsIfEmpty, 'demo forecasts, adjustments and snapshots'],
        [seedDemoReportsIfEmpty, 'demo work reports and meetings'],
        [seedDemoExpensesIfEmpty, 'demo budgets and expense claims'],
        [seedDemoFollowUpIfEmpty, 'demo follow-ups, visit plans and check-ins'],
        [seedDemoAnalyticsIfEmpty, 'demo frame contracts, renewals and the distributor’s year'],
        [seedDemoNotificationsIfEmpty, 'demo notifications'],
      ];
      void demoYearSteps
        .reduce<Promise<unknown>>(
          (previous, [seed, what]) =>
            previous.then(() =>
              seed(database.orm, config).then(
                (seeded) => seeded && log.info(`${what} seeded`),
                (error: unknown) => log.warn({ err: error }, `${what} not seeded (tried again at the next start)`),
              ),
            ),
          Promise.resolve(),
        )
        .finally(keepNotifying);
    }

    // The API serves while the admin UI builds (only after it changed) and starts.
    if (config.adminUi) {
      console.log('Admin UI starting (a first start builds it; the API answers meanwhile) …\n');
      try {
        await buildAdminIfStale(log);
        admin = await startAdminUi(database.url, config.adminPort, log);
        console.log(`Admin UI ready in ${uptime()} s: ${admin.url} (ADMIN users only, e.g. admin@huaxin.demo)\n`);
      } catch (error) {
        // The API stays up: the admin is a separate tool over the same database.
        log.error({ err: error }, 'the admin UI could not start');
        console.error(`\nThe admin UI did not start (the API runs on): ${error instanceof StartupError ? `${error.message}\n${error.fix}` : String(error)}\n`);
      }
    }
  } catch (error) {
    await server?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`\n${describeStartupFailure(error)}\n`);
  process.exit(1);
});
