import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { StartupError } from './startup-error';

/** The checkout: this file runs from api/ under jest and from dist/api/ when built. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'admin', 'keystone.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('admin/keystone.ts not found above ' + __dirname);
  }
}

const ROOT = projectRoot();
const ADMIN_DIR = path.join(ROOT, 'admin');
const BUILD_STAMP = path.join(ADMIN_DIR, '.keystone', 'salesgraph-build-stamp');

/** Relative imports of a TypeScript source: `from './x'`, `import('./x')`, `import './x'`. */
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The project file a relative import names: `x.ts`, `x.tsx` or `x/index.ts`; null for anything else. */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = path.join(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(path.join(ROOT, candidate))) return candidate;
  }
  return null;
}

/** `roots` and every project file they import, transitively (what the admin's config and pages bundle). */
function importClosure(roots: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(path.join(ROOT, file), 'utf8').matchAll(RELATIVE_IMPORT)) {
      const imported = resolveImport(file, match[1]);
      if (imported !== null && !seen.has(imported)) pending.push(imported);
    }
  }
  return [...seen].sort();
}

/**
 * What a full admin build depends on: the Keystone config and its custom pages with every project file they import
 * (the validation, messages and headers they share with the API), and the lock file. Followed through the imports,
 * so a file the admin starts to use is never left out of the stamp.
 */
export function adminBuildInputs(): string[] {
  const pages = readdirSync(path.join(ADMIN_DIR, 'admin'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.tsx') || file.endsWith('.ts'))
    .map((file) => path.join('admin', 'admin', file));
  return [...importClosure(['admin/keystone.ts', ...pages]), 'package-lock.json'];
}

function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const file of adminBuildInputs()) hash.update(file).update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex');
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ADMIN_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}:\n${lines.slice(-30).join('\n')}`));
    });
    log.debug({ command, args }, 'admin build started');
  });
}

/**
 * The full admin build (Prisma client, then Next.js) runs only when its inputs changed since the last one. On two
 * cores the first takes 30 s to two minutes with the machine's load (Next's compile is most of it); a rebuild reuses
 * Turbopack's cache in admin/.keystone/admin/.next/cache and takes about 20 s.
 * `frozen`: fail instead of rewriting admin/schema.prisma and admin/schema.graphql when they are stale (tests, CI).
 */
export async function buildAdminIfStale(log: Logger, options: { frozen?: boolean } = {}): Promise<boolean> {
  const stamp = sourceStamp();
  if (existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === stamp) return false;
  const cached = existsSync(path.join(ADMIN_DIR, '.keystone', 'admin', '.next', 'cache'));
  log.info(
    cached
      ? 'building the admin UI because admin/ changed (about 20 s with the build cache)'
      : 'building the admin UI for the first time (30 s to 2 minutes on 2 cores, with the load; later starts reuse it)',
  );
  const started = Date.now();
  await run('sh', [path.join(ADMIN_DIR, 'keystone-build.sh'), ...(options.frozen ? ['--frozen'] : [])], process.env, log);
  writeFileSync(BUILD_STAMP, stamp);
  log.info({ seconds: Math.round((Date.now() - started) / 1000) }, 'admin UI built');
  return true;
}

export interface AdminUi {
  url: string;
  stop(): Promise<void>;
}

/** Starts `keystone start` (which never migrates or pushes) on the given database, and waits until it listens. */
export async function startAdminUi(databaseUrl: string, port: number, log: Logger): Promise<AdminUi> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'node_modules/@keystone-6/core/bin/cli.js'), 'start'], {
    cwd: ADMIN_DIR,
    // Keystone (and Next) also read PORT and HOST, which here belong to the API: give the admin its own.
    env: { ...process.env, DATABASE_URL: databaseUrl, ADMIN_PORT: String(port), PORT: String(port), HOST: 'localhost', KEYSTONE_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      if (text.includes('Server listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      const text = output.join('');
      if (text.includes('EADDRINUSE')) {
        reject(new StartupError(`the admin UI cannot listen on port ${port}: another process is listening there.`, 'Set ADMIN_PORT to a free port, or ADMIN_UI=false to run the API alone.'));
      } else reject(new Error(`the admin UI exited with ${code}:\n${text.slice(-3000)}`));
    });
  });
  child.removeAllListeners('exit');
  child.once('exit', (code, signal) => {
    if (signal === null && code !== 0) log.error({ code }, 'the admin UI stopped');
  });
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
