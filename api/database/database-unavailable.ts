import { DriverException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { ServiceUnavailableError } from '../errors';

/** Node's socket errors when the database host refuses, drops or cannot be reached. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception), 57P01–57P03 (admin
 * or crash shutdown, cannot connect now: starting up, shutting down, in recovery), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What pg, the pool and MikroORM say when the connection is gone or cannot be had, for errors that carry no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|Client has encountered a connection error|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|terminating connection due to administrator command/i;

/** The error, what it wraps (`originalError`, `cause`) and what it aggregates (`errors`). */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const pending = [error];
  while (pending.length > 0 && chain.length < 20) {
    const next = pending.shift();
    if (next === undefined || next === null || chain.includes(next)) continue;
    chain.push(next);
    if (typeof next !== 'object') continue;
    const wrapped = next as { originalError?: unknown; cause?: unknown; errors?: unknown };
    pending.push(wrapped.originalError, wrapped.cause);
    // An AggregateError's parts (MikroORM copies them onto its DriverException).
    if (Array.isArray(wrapped.errors)) pending.push(...wrapped.errors);
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether the error (or anything it wraps) says the database is unreachable rather than that a statement failed.
 * A socket error counts only inside a driver error: a refused connection to anywhere else (a receiver, a DNS
 * lookup) is not the database's outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const chain = errorChain(error);
  const fromDriver = chain.some((link) => link instanceof DriverException || link instanceof pg.DatabaseError);
  return chain.some((link) => {
    if (link instanceof ServiceUnavailableError) return true;
    const code = codeOf(link);
    if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || (fromDriver && NETWORK_ERROR_CODES.has(code)))) return true;
    return link instanceof Error && !(link instanceof GraphQLError) && UNAVAILABLE_MESSAGE.test(link.message);
  });
}

/**
 * For a connection of our own (not the pool): any socket error on it is the database's, and so is a server going
 * away or a connection ended.
 */
export function isConnectionLost(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const code = codeOf(error);
  return (code !== undefined && NETWORK_ERROR_CODES.has(code)) || /Client was closed and is not queryable|connection ended/i.test((error as Error | null)?.message ?? '');
}
