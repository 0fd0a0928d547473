import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123200407_org } from './Migration20261123200407_org';

/** Every migration in order. `npm run migration:create` writes a new file; list its class here. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123200407_org', class: Migration20261123200407_org },
];
