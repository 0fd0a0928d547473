import type { MikroORM } from '@mikro-orm/postgresql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { loadConfig, type AppConfig } from '../../api/config';
import { openOrm } from '../../api/database/orm';
import { createLogger } from '../../api/logger';
import { createAppServer, GRAPHQL_PATH, type AppServer } from '../../api/server';
import { DEMO_PASSWORD } from '../../seeds/demo-company.seeder';
import { LOGIN } from '../graphql/documents';
import { createDatabaseFromTemplate, dropDatabase, testServerUrl } from './test-database';

export interface GraphQLResponse<Data> {
  status: number;
  data: Data | null | undefined;
  errors: GraphQLFormattedError[] | undefined;
}

/** How a request authenticates: a bearer token, an API key, or nothing. */
export type Auth = { token: string } | { apiKey: string } | undefined;

export interface TestApp {
  orm: MikroORM;
  config: AppConfig;
  server: AppServer;
  /** http://127.0.0.1:<port> of the listening server (for WebSocket clients). */
  baseUrl: string;
  request: ReturnType<typeof supertest>;
  /** Every SQL statement run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  gql<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables, auth?: Auth): Promise<GraphQLResponse<Data>>;
  /** Signs in as a demo user (password demo1234) and returns the access token. */
  tokenFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real server on a real, private PostgreSQL database (a copy of the seeded template), listening on a free port.
 * One per test file: files never see each other's writes. `demoYear` copies the template that also holds the demo
 * sales, order-to-cash records and the demo year, seeded once before any test runs.
 */
export async function createTestApp(overrides: NodeJS.ProcessEnv = {}, options: { log?: Logger; demoYear?: boolean } = {}): Promise<TestApp> {
  const { serverUrl, template } = testServerUrl(options.demoYear);
  const database = `salesgraph_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabaseFromTemplate(serverUrl, template, database);
  const queries: string[] = [];
  const orm = await openOrm(url, { onQuery: (sql) => queries.push(sql), poolMax: 5 });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, ...overrides });
  const server = await createAppServer(orm, config, options.log ?? createLogger('silent'));
  const port = await server.listen(0, '127.0.0.1');
  const request = supertest(server.httpServer);

  const gql: TestApp['gql'] = async (document, variables, auth) => {
    let call = request.post(GRAPHQL_PATH).set('content-type', 'application/json');
    if (auth && 'token' in auth) call = call.set('authorization', `Bearer ${auth.token}`);
    if (auth && 'apiKey' in auth) call = call.set('x-api-key', auth.apiKey);
    const response = await call.send({ query: print(document), variables: variables ?? {} });
    return { status: response.status, data: response.body.data, errors: response.body.errors };
  };

  const tokens = new Map<string, string>();
  return {
    orm,
    config,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    request,
    queries,
    resetQueries: () => {
      queries.length = 0;
    },
    gql,
    async tokenFor(email) {
      const cached = tokens.get(email);
      if (cached !== undefined) return cached;
      const response = await gql(LOGIN, { email, password: DEMO_PASSWORD });
      const token = response.data?.login.accessToken;
      if (token === undefined) throw new Error(`login as ${email} failed: ${JSON.stringify(response.errors)}`);
      tokens.set(email, token);
      return token;
    },
    async close() {
      await server.close();
      await orm.close(true);
      await dropDatabase(serverUrl, database);
    },
  };
}
