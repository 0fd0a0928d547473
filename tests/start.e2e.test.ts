import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people } from './fixtures/demo-people';
import { freePort } from './support/free-port';

/**
 * `npm start` as a user runs it: the built server on an embedded PostgreSQL in a fresh data directory, demo data,
 * the admin UI beside the API, a clean Ctrl-C, and a second start that reuses the data. (npm test builds the admin
 * UI before jest starts, so here it only starts.)
 */
const root = path.resolve(__dirname, '..');
const mainScript = path.join(root, 'dist/api/main.js');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: 'localhost' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** Every server this file started, so a failed assertion never leaves one running. */
const started: ChildProcess[] = [];

function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [mainScript], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving within 90 s:\n${output}`)), 90_000);
    const check = setInterval(() => {
      if (output.includes('Admin UI (ADMIN users only)')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve({ child, output: () => output });
      }
    }, 100);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`exited with ${code} before serving:\n${output}`));
    });
  });
}

function stop(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGINT');
  });
}

async function graphql(port: number, query: string, variables: object, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'salesgraph-start-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);

  afterAll(async () => {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API with demo data on an embedded PostgreSQL, stops cleanly on Ctrl-C and reuses the data', async () => {
    expect(existsSync(mainScript)).toBe(true);
    const port = await freePort();
    const pgPort = await freePort();
    const adminPort = await freePort();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_POSTGRES_PORT: String(pgPort),
      ADMIN_PORT: String(adminPort),
      SALESGRAPH_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    };

    const first = await start(env);
    expect(first.output()).toContain(`SalesGraph API: http://localhost:${port}/graphql`);
    expect(first.output()).toContain(people.shanghai1Rep.email);
    expect(first.output()).toContain('demo company seeded');
    expect(first.output()).toContain(`Admin UI (ADMIN users only): http://localhost:${adminPort}`);
    expect((await fetch(`http://localhost:${adminPort}/signin`)).status).toBe(200);
    const login = await graphql(port, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: people.shanghai1Rep.email,
      p: DEMO_PASSWORD,
    });
    const token = login.data?.login?.accessToken as string;
    const me = await graphql(port, '{ me { unit { name } } }', {}, token);
    expect(me).toEqual({ data: { me: { unit: { name: '上海一组' } } } });
    expect(await stop(first)).toBe(130);
    expect(first.output()).toContain('"msg":"stopped"');
    expect(await portIsOpen(pgPort)).toBe(false);
    expect(await portIsOpen(port)).toBe(false);
    expect(await portIsOpen(adminPort)).toBe(false);

    const second = await start(env);
    expect(second.output()).not.toContain('demo company seeded');
    // The token signed before the restart still works: same data, same development signing secret.
    expect(await graphql(port, '{ me { unit { name } } }', {}, token)).toEqual(me);
    expect(await stop(second)).toBe(130);
    expect(second.output()).toContain('"msg":"stopped"');
  }, 180_000);
});
