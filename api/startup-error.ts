import { createServer } from 'node:net';

/**
 * Why `npm start` cannot go on, and the setting or step that fixes it. Not an API error (those are `AppError`s
 * with a code for clients): this one is for the person at the terminal, printed as two lines without a stack.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    /** What to do about it, naming the setting, e.g. "Set PORT to a free port, or stop the process that holds it." */
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** What the start-up failure says: cause and fix for a StartupError, the whole error (a bug) for anything else. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof StartupError) return `SalesGraph did not start: ${error.message}\n${error.fix}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `SalesGraph did not start: an unexpected error (run with LOG_LEVEL=debug for more):\n${detail}`;
}

/** A Node.js system error (`code` like EADDRINUSE, `path` for file errors). */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error a port that cannot be listened on gives, naming the setting that moves it. */
export function portError(error: unknown, what: string, port: number, host: string, setting: string): StartupError | undefined {
  const code = systemErrorCode(error);
  if (code === 'EADDRINUSE') {
    return new StartupError(
      `${what} cannot listen on port ${port}: another process is listening there (perhaps another npm start).`,
      `Set ${setting} to a free port, or stop the process that holds port ${port}.`,
      { cause: error },
    );
  }
  if (code === 'EACCES') {
    return new StartupError(`${what} may not listen on port ${port} (ports below 1024 need privileges).`, `Set ${setting} to a port above 1023.`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StartupError(`${what} cannot listen on ${host}: not an address of this machine.`, 'Set HOST to an address of this machine, e.g. 0.0.0.0 (all) or 127.0.0.1.', { cause: error });
  }
  return undefined;
}

function tryListen(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Fails at once, before the database starts or the admin builds, when `port` cannot be listened on: a taken
 * port otherwise shows up late (after seconds of start-up) or, for PostgreSQL, only in its own log.
 * Port 0 (any free port) is always fine.
 */
export async function assertPortFree(what: string, port: number, hosts: string[], setting: string): Promise<void> {
  if (port === 0) return;
  for (const host of hosts) {
    try {
      await tryListen(port, host);
    } catch (error) {
      // A machine without IPv6 has no ::1 to be taken.
      if (host === '::1' && (systemErrorCode(error) === 'EADDRNOTAVAIL' || systemErrorCode(error) === 'EAFNOSUPPORT')) continue;
      throw portError(error, what, port, host, setting) ?? error;
    }
  }
}
