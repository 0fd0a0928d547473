import type { Logger } from 'pino';
import { createLogger } from '../../api/logger';
import { createTestApp, type TestApp } from './test-app';

/** One line the server logged (pino's JSON). */
export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  err?: { message?: string; stack?: string; type?: string; code?: string };
  [key: string]: unknown;
}

/** pino's level numbers. */
export const LOG_LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** A signing secret for apps started with NODE_ENV=production or development (test mode makes its own). */
export const TEST_JWT_SECRET = 'a-test-secret-that-is-longer-than-32-characters';

/** A test app (see createTestApp) whose log (level info and up) is kept, parsed, in `lines`. */
export interface LoggedApp extends TestApp {
  lines: LogLine[];
}

/**
 * A real server, on a private copy of the seeded template database, whose log (level info and up) is kept in
 * `lines`, with the environment given (e.g. `NODE_ENV: 'production'`); it sends no webhooks unless told to.
 */
export async function createLoggedApp(env: NodeJS.ProcessEnv = {}): Promise<LoggedApp> {
  const lines: LogLine[] = [];
  const app = await createTestApp({ WEBHOOK_DELIVERY: 'false', ...env }, { log: logInto(lines) });
  return Object.assign(app, { lines });
}

/** A logger (level info and up) that keeps each line, parsed, in `lines`. */
export function logInto(lines: LogLine[]): Logger {
  return createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}
