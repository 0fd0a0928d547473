/**
 * The API as the floor comparison runs it: a child process of the runner (tests/bench/floors.bench.ts) serving
 * `/graphql` on the bench database (BENCH_API_DATABASE_URL) with production settings, as `npm start` would.
 */
import 'reflect-metadata';
import { openOrm } from '../../api/database/orm';
import { createLogger } from '../../api/logger';
import { createAppServer } from '../../api/server';
import { benchConfig } from '../../seeds/bench/bench-database';
import { serveAsChild } from './bench-process';

async function main(): Promise<void> {
  const url = process.env.BENCH_API_DATABASE_URL;
  const secret = process.env.BENCH_API_JWT_SECRET;
  if (url === undefined || secret === undefined) throw new Error('BENCH_API_DATABASE_URL and BENCH_API_JWT_SECRET are set by the runner');
  const pool = process.env.BENCH_POOL_MAX ? Number(process.env.BENCH_POOL_MAX) : undefined;
  const config = benchConfig(process.env, { NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: secret, LOG_LEVEL: 'warn' });
  const log = createLogger('warn');
  // The runner has migrated the database already.
  const orm = await openOrm(url, { poolMax: pool });
  const server = await createAppServer(orm, config, log);
  const port = await server.listen(0, '127.0.0.1');
  serveAsChild(port, async () => {
    await server.close();
    await orm.close(true);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
