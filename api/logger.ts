import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The process's logger: JSON lines on stdout, or on `destination` (tests read what was logged from one). Errors
 * go under `err`, serialized with their message, stack and the driver's fields, which never reach a client.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { name: 'salesgraph', level };
  return destination === undefined ? pino(options) : pino(options, destination);
}
