import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';

/**
 * `npm run migration:create`: diffs the entities against the migrated database and writes the SQL that closes the
 * gap as a new file under migrations/. Add the new class to migrations/index.ts.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    const result = await database.orm.getMigrator().createMigration('migrations', false, false);
    console.log(result.fileName ? `wrote migrations/${result.fileName}\n${result.diff.up.join('\n')}` : 'no changes');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
