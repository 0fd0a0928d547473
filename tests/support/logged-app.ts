import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { loadConfig, type AppConfig } from '../../api/config';
import { openOrm } from '../../api/database/orm';
import { createLogger } from '../../api/logger';
import { createAppServer, GRAPHQL_PATH, type AppServer } from '../../api/server';
import { DEMO_PASSWORD } from '../../seeds/demo-company.seeder';
import { createDatabaseFromTemplate, dropDatabase, testServerUrl } from './test-database';

/** One line the server logged (pino's JSON). */
export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  err?: { message?: string; stack?: string; type?: string; code?: string };
  [key: string]: unknown;
}

/** pino's level numbers. */
export const LOG_LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** A signing secret for apps started with NODE_ENV=production or development (test mode makes its own). */
export const TEST_JWT_SECRET = 'a-test-secret-that-is-longer-than-32-characters';

export interface LoggedApp {
  orm: MikroORM;
  config: AppConfig;
  server: AppServer;
  baseUrl: string;
  request: ReturnType<typeof supertest>;
  /** Everything logged so far, parsed. */
  lines: LogLine[];
  /** Signs in as a demo user (password demo1234) and returns the access token. */
  tokenFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real server, on a private copy of the seeded template database, whose log (level info and up) is kept in
 * `lines`, with the environment given (e.g. `NODE_ENV: 'production'`).
 */
export async function createLoggedApp(env: NodeJS.ProcessEnv = {}): Promise<LoggedApp> {
  const { serverUrl, template } = testServerUrl();
  const database = `salesgraph_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabaseFromTemplate(serverUrl, template, database);
  const orm = await openOrm(url, { poolMax: 5 });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, WEBHOOK_DELIVERY: 'false', ...env });
  const lines: LogLine[] = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const server = await createAppServer(orm, config, log);
  const port = await server.listen(0, '127.0.0.1');
  const request = supertest(server.httpServer);
  return {
    orm,
    config,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    request,
    lines,
    async tokenFor(email) {
      const response = await request
        .post(GRAPHQL_PATH)
        .send({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', variables: { e: email, p: DEMO_PASSWORD } });
      const token = response.body.data?.login?.accessToken as string | undefined;
      if (token === undefined) throw new Error(`login as ${email} failed: ${JSON.stringify(response.body)}`);
      return token;
    },
    async close() {
      await server.close();
      await orm.close(true);
      await dropDatabase(serverUrl, database);
    },
  };
}
