import 'reflect-metadata';
import { seedDemoCompanyIfEmpty } from '../../seeds/demo-company.seeder';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';

/** `npm run seed`: migrations, then the demo company if the database has no users yet. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    console.log((await seedDemoCompanyIfEmpty(database.orm)) ? 'demo company seeded' : 'database not empty: left as it is');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
