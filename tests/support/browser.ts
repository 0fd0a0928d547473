import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package (`apt-get install chromium`), used when it is installed. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a test browser: no sandbox (tests run as root in CI), no GPU, and no calls home. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The headless Chromium inside the `@sparticuz/chromium` npm package, unpacked once per version into the temp
 * directory (about 5 s, 200 MB). The package unpacks into `os.tmpdir()` and reuses whatever `chromium` it finds
 * there, so it gets a fresh directory of its own (TMPDIR), which is renamed into place only when complete: a
 * half-unpacked browser from a concurrent run is never launched. The package is ESM with `import.meta`, which
 * jest's CommonJS runtime cannot load, hence the child process.
 */
export function packagedChromium(): string {
  const version = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')).version as string;
  const target = path.join(os.tmpdir(), `salesgraph-chromium-${version}`);
  const executable = path.join(target, 'chromium');
  if (existsSync(executable)) return executable;
  mkdirSync(os.tmpdir(), { recursive: true });
  const staging = mkdtempSync(`${target}-unpacking-`);
  try {
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import chromium from '@sparticuz/chromium'; await chromium.executablePath();"],
      { cwd: ROOT, env: { ...process.env, TMPDIR: staging }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // mkdtemp makes it private; the browser is no secret, and another user of the machine may reuse it.
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another run finished first: use its copy.
      if (!existsSync(executable)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return executable;
}

/**
 * Where the test browser is: CHROMIUM_PATH when set, else Debian's chromium when installed, else the one that
 * ships in the `@sparticuz/chromium` npm package (a devDependency), so `npm ci && npm test` needs no apt and no
 * download. (The package's own `args` are tuned for AWS Lambda, e.g. `--single-process` and
 * `--disable-web-security`; a test wants a normal browser, so the flags here serve both.)
 */
export function chromiumExecutable(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist`);
    return configured;
  }
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : packagedChromium();
}

/** A headless Chromium for browser tests: the one {@link chromiumExecutable} finds, unless told which. */
export function launchChromium(executablePath = chromiumExecutable()): Promise<Browser> {
  return chromium.launch({ executablePath, args: FLAGS, headless: true });
}
