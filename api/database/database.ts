import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { ensureDatabase, withDatabase } from './database-url';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate, openOrm, type OrmOptions } from './orm';

export const EMBEDDED_DATABASE_NAME = 'salesgraph';

export interface Database {
  orm: MikroORM;
  url: string;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started one. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under `<dataDir>/postgres` (kept between runs),
 * then applies pending migrations.
 */
export async function openDatabase(config: AppConfig, log: Logger, options: OrmOptions = {}): Promise<Database> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (url === undefined) {
    const dataDir = path.join(config.dataDir, 'postgres');
    log.info({ dataDir, port: config.embeddedPostgresPort }, 'starting embedded PostgreSQL');
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.embeddedPostgresPort,
      persistent: true,
      log: (line) => log.debug({ postgres: line }),
    });
    stopEmbedded = embedded.stop;
    await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
    url = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  }
  try {
    const orm = await openOrm(url, options);
    const applied = await migrate(orm);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    return {
      orm,
      url,
      close: async () => {
        await orm.close(true);
        await stopEmbedded?.();
      },
    };
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
}
