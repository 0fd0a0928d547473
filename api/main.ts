import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { demoLoginBanner } from '../seeds/demo-logins';
import { seedDemoCompanyIfEmpty } from '../seeds/demo-company.seeder';
import { loadConfig } from './config';
import { openDatabase } from './database/database';
import { createLogger } from './logger';
import { createAppServer, GRAPHQL_PATH } from './server';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, demo data when empty, then the API. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log);
  try {
    if (process.env.SEED_DEMO !== 'false' && (await seedDemoCompanyIfEmpty(database.orm))) log.info('demo company seeded');
    const server = await createAppServer(database.orm, config, log);
    const port = await server.listen(config.port, config.host);

    // The embedded PostgreSQL package stops its servers through async-exit-hook on Ctrl-C; registering here too
    // makes the process wait for this shutdown as well before it exits (with 130 after SIGINT, as shells expect).
    exitHook((done) => {
      log.info('shutting down');
      server
        .close()
        .then(() => database.close())
        .then(() => log.info('stopped'))
        .catch((error: unknown) => log.error({ err: error }, 'shutdown failed'))
        .finally(done);
    });

    console.log(`\n${demoLoginBanner(`http://localhost:${port}${GRAPHQL_PATH}`)}\n`);
  } catch (error) {
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
