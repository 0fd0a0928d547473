import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ensureDatabase, withDatabase } from '../../api/database/database-url';
import { migrate, openOrm } from '../../api/database/orm';
import { DemoCompanySeeder } from '../../seeds/demo-company.seeder';
import { freePort } from './free-port';

/**
 * A PostgreSQL server of one test file's own, which the test may stop and start again (the shared test server
 * must keep serving the files running in parallel). It runs in a child process: see postgres-process.mjs.
 */
export class StandalonePostgres {
  private constructor(
    private readonly child: ChildProcess,
    private readonly parent: string,
    readonly port: number,
  ) {}

  /** Initialises a cluster in a temporary directory and starts it. */
  static async create(): Promise<StandalonePostgres> {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'salesgraph-standalone-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
    chmodSync(parent, 0o755);
    const port = await freePort();
    const child = fork(path.join(__dirname, 'postgres-process.mjs'), [path.join(parent, 'postgres'), String(port)], { stdio: 'ignore' });
    const postgres = new StandalonePostgres(child, parent, port);
    await postgres.start();
    return postgres;
  }

  /** The server's maintenance database (`postgres`). */
  get url(): string {
    return `postgres://postgres:salesgraph@localhost:${this.port}/postgres`;
  }

  /** A database `name` on this server, migrated and seeded with the demo company, and an ORM on it. */
  async demoDatabase(name: string): Promise<{ url: string; orm: MikroORM }> {
    const url = withDatabase(this.url, name);
    await ensureDatabase(this.url, name);
    const orm = await openOrm(url, { poolMax: 5 });
    await migrate(orm);
    await orm.getSeeder().seed(DemoCompanySeeder);
    return { url, orm };
  }

  start(): Promise<void> {
    return this.send('start');
  }

  /** A fast shutdown: open sessions are terminated (57P01), new connections refused. */
  stop(): Promise<void> {
    return this.send('stop');
  }

  /** Stops the server, ends the child process and removes the cluster. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    rmSync(this.parent, { recursive: true, force: true });
  }

  private send(command: 'start' | 'stop'): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { command: string; ok: boolean; error?: string }) => {
        if (message.command !== command) return;
        this.child.off('message', onMessage);
        if (message.ok) resolve();
        else reject(new Error(`PostgreSQL ${command} failed: ${message.error}`));
      };
      this.child.on('message', onMessage);
      this.child.send(command);
    });
  }
}
