import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { StartupError, systemErrorCode } from '../startup-error';
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

/** Network errors and PostgreSQL's connection (08), authorization (28), unknown-database and too-many-connections codes. */
const CONNECTION_ERRORS = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|08...|28...|3D000|53300|57P03)$/;

/** DATABASE_URL without its password, to show in a message. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** A DATABASE_URL that cannot be reached says so, and which setting to look at; other errors pass through. */
function unreachable(error: unknown, url: string): unknown {
  const code = systemErrorCode(error);
  const ssl = error instanceof Error && /SSL|certificate/i.test(error.message);
  if ((code === undefined || !CONNECTION_ERRORS.test(code)) && !ssl) return error;
  return new StartupError(
    `cannot connect to the PostgreSQL at DATABASE_URL ${redacted(url)}: ${error instanceof Error ? error.message : String(error)}`,
    'Check that the server runs and DATABASE_URL is right (postgres://user:password@host:port/database; add ?sslmode=require for TLS), or unset DATABASE_URL to use the embedded PostgreSQL.',
    { cause: error },
  );
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL under `<dataDir>/postgres` (kept between runs),
 * then applies pending migrations. A DATABASE_URL that cannot be reached fails with a {@link StartupError}.
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
    const orm = await openOrm(url, options).catch((error: unknown) => {
      throw config.databaseUrl === undefined ? error : unreachable(error, config.databaseUrl);
    });
    const applied = await migrate(orm).catch(async (error: unknown) => {
      await orm.close(true);
      throw config.databaseUrl === undefined ? error : unreachable(error, config.databaseUrl);
    });
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
