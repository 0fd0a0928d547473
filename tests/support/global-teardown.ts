import { dropDatabase, SERVER_URL_ENV, TEMPLATE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.salesgraphTestPostgres;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const serverUrl = process.env[SERVER_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (serverUrl && template) await dropDatabase(serverUrl, template);
}
