import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { keepEventRetention } from '../schema/events/event-retention';
import { keepContractLifecycle } from '../schema/orders/contract-lifecycle';
import { demoLoginBanner } from '../seeds/demo-logins';
import { seedDemoCompanyIfEmpty } from '../seeds/demo-company.seeder';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { buildAdminIfStale, startAdminUi, type AdminUi } from './admin-ui';
import { loadConfig } from './config';
import { openDatabase } from './database/database';
import { createLogger } from './logger';
import { createAppServer, GRAPHQL_PATH } from './server';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, demo data when empty, the API, the admin UI. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    if (process.env.SEED_DEMO !== 'false') {
      if (await seedDemoCompanyIfEmpty(database.orm)) log.info('demo company seeded');
      if (await seedDemoSalesIfEmpty(database.orm, config)) log.info('demo sales data seeded');
      if (await seedDemoOrdersIfEmpty(database.orm, config)) log.info('demo contracts, orders and payments seeded');
    }
    const server = await createAppServer(database.orm, config, log);
    const port = await server.listen(config.port, config.host);
    const stopPruning = keepEventRetention(database.orm, config.eventRetentionDays, log);
    const stopContractLifecycle = keepContractLifecycle(database.orm, { renewalWindowDays: config.renewalWindowDays }, log);

    // The embedded PostgreSQL package stops its servers through async-exit-hook on Ctrl-C; registering here too
    // makes the process wait for this shutdown as well before it exits (with 130 after SIGINT, as shells expect).
    let admin: AdminUi | undefined;
    exitHook((done) => {
      log.info('shutting down');
      stopPruning();
      Promise.all([server.close(), admin?.stop(), stopContractLifecycle()])
        .then(() => database.close())
        .then(() => log.info('stopped'))
        .catch((error: unknown) => log.error({ err: error }, 'shutdown failed'))
        .finally(done);
    });

    console.log(`\n${demoLoginBanner(`http://localhost:${port}${GRAPHQL_PATH}`)}\n`);

    // The API serves while the admin UI builds (only after it changed) and starts.
    if (config.adminUi) {
      try {
        await buildAdminIfStale(log);
        admin = await startAdminUi(database.url, config.adminPort, log);
        console.log(`Admin UI (ADMIN users only): ${admin.url}\n`);
      } catch (error) {
        // The API stays up: the admin is a separate tool over the same database.
        log.error({ err: error }, 'the admin UI could not start');
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
