import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people } from './fixtures/demo-people';
import { freePort } from './support/free-port';

/**
 * `npm start` as a user runs it: the built server on an embedded PostgreSQL in a fresh data directory, demo data,
 * the admin UI beside the API, a clean Ctrl-C, and a second start that reuses the data; and start-ups that cannot
 * work, each saying why and which setting fixes it. (npm test builds the admin UI before jest starts, so here it
 * only starts.)
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
      if (output.includes('Admin UI ready')) {
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

/** Runs the built server until it exits by itself: a start that fails must exit, and say why. */
function startFailing(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [mainScript], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Something else on a port, as a user's other program would be. */
function holdPort(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
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
    expect(first.output()).toContain(`API ready in `);
    expect(first.output()).toMatch(new RegExp(`Admin UI ready in [0-9.]+ s: http://localhost:${adminPort} `));
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

  describe('a start that cannot work says why and which setting fixes it', () => {
    async function env(overrides: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
      return {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        ADMIN_PORT: String(await freePort()),
        SALESGRAPH_DATA_DIR: dataDir,
        ...overrides,
      };
    }

    it.each([
      ['the API', 'PORT', '127.0.0.1'],
      ['the admin UI', 'ADMIN_PORT', 'localhost'],
      ['the embedded PostgreSQL', 'EMBEDDED_POSTGRES_PORT', '127.0.0.1'],
    ])('%s: its port (%s) taken by another program', async (what, setting, host) => {
      const port = await freePort();
      const other = await holdPort(port, host);
      try {
        const { code, output } = await startFailing(await env({ [setting]: String(port) }));
        expect(code).toBe(1);
        expect(output).toContain(`SalesGraph did not start: ${what} cannot listen on port ${port}: another process is listening there`);
        expect(output).toContain(`Set ${setting} to a free port`);
        expect(output).not.toContain('undefined');
      } finally {
        other.close();
      }
    });

    it('DATABASE_URL: nothing listens there', async () => {
      const port = await freePort();
      const { code, output } = await startFailing(await env({ DATABASE_URL: `postgres://sales:secret@127.0.0.1:${port}/salesgraph`, ADMIN_UI: 'false' }));
      expect(code).toBe(1);
      expect(output).toContain(`cannot connect to the PostgreSQL at DATABASE_URL postgres://sales:***@127.0.0.1:${port}/salesgraph: connect ECONNREFUSED`);
      expect(output).toContain('unset DATABASE_URL to use the embedded PostgreSQL');
      expect(output).not.toContain('secret');
    });

    it('SALESGRAPH_DATA_DIR: cannot be written', async () => {
      const file = path.join(dataDir, 'a-file');
      writeFileSync(file, '');
      const { code, output } = await startFailing(await env({ SALESGRAPH_DATA_DIR: path.join(file, 'data') }));
      expect(code).toBe(1);
      expect(output).toContain(`SalesGraph did not start: cannot write the data directory: ENOTDIR at ${path.join(file, 'data')}`);
      expect(output).toContain('Set SALESGRAPH_DATA_DIR to a directory this user may write');
    });
  });
});
