import pg from 'pg';
import { quoteIdentifier, withDatabase } from '../../api/database/database-url';

export const SERVER_URL_ENV = 'SALESGRAPH_TEST_SERVER_URL';
export const TEMPLATE_ENV = 'SALESGRAPH_TEST_TEMPLATE';
/** The template with the demo sales, order-to-cash records and the demo year (2026 actuals and targets) seeded. */
export const DEMO_YEAR_TEMPLATE_ENV = 'SALESGRAPH_TEST_DEMO_YEAR_TEMPLATE';

async function withClient<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`drop database if exists ${quoteIdentifier(database)} with (force)`));
}

/**
 * A private database for one test file, copied from the migrated and seeded template (fast: a file copy).
 * PostgreSQL refuses to copy a template while another copy of it is being made, so busy attempts are retried.
 */
export async function createDatabaseFromTemplate(serverUrl: string, template: string, database: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withClient(serverUrl, (client) =>
        client.query(`create database ${quoteIdentifier(database)} template ${quoteIdentifier(template)}`),
      );
      return withDatabase(serverUrl, database);
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

export function testServerUrl(demoYear = false): { serverUrl: string; template: string } {
  const serverUrl = process.env[SERVER_URL_ENV];
  const template = process.env[demoYear ? DEMO_YEAR_TEMPLATE_ENV : TEMPLATE_ENV];
  if (!serverUrl || !template) throw new Error('The test database was not prepared: run the tests through jest (npm test).');
  return { serverUrl, template };
}
