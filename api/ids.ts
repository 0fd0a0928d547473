import { UserInputError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid as PostgreSQL stores it: 32 hex digits in the 8-4-4-4-12 groups. Not only RFC 4122's versions and variant
 * (what the uuid package's `validate` accepts): rows made by `md5(…)::uuid`, by an import or another system carry
 * ids of any bits, and a list that refused their cursors stopped paging at the first one.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are uuids; anything else is bad input rather than a database error. */
export function assertId(value: string, path: string): string {
  if (!isUuid(value)) throw UserInputError.field(path, 'is not a valid id');
  return value;
}
