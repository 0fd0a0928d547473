import path from 'node:path';
import { loadConfig, type AppConfig } from '../../api/config';

/** Port of the bench's own embedded PostgreSQL, apart from the development one (54329) so both can run. */
const BENCH_EMBEDDED_PORT = '54339';

/**
 * The configuration `npm run seed:bench` and `npm run bench` share: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL of their own under `.data/bench` (SALESGRAPH_BENCH_DATA_DIR), so the large dataset never lands in
 * the development database.
 */
export function benchConfig(env: NodeJS.ProcessEnv = process.env, overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    ...env,
    SALESGRAPH_DATA_DIR: env.SALESGRAPH_BENCH_DATA_DIR || path.join('.data', 'bench'),
    EMBEDDED_POSTGRES_PORT: env.BENCH_POSTGRES_PORT || BENCH_EMBEDDED_PORT,
    ...overrides,
  });
}

/** Where the bench database is, for messages. */
export function describeBenchDatabase(config: AppConfig): string {
  return config.databaseUrl === undefined
    ? `embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')} (port ${config.embeddedPostgresPort})`
    : 'DATABASE_URL';
}
