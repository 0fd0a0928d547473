import { validate as isUuid } from 'uuid';
import { UserInputError } from './errors';

/** Ids are uuids; anything else is bad input rather than a database error. */
export function assertId(value: string, path: string): string {
  if (!isUuid(value)) throw UserInputError.field(path, 'is not a valid id');
  return value;
}
