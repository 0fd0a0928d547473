import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import { migrationsList } from '../../migrations';
import { ENTITIES } from '../../schema/entities';

export interface OrmOptions {
  /** Receives every SQL statement (tests count them to prove there is no N+1). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
}

export function ormConfig(clientUrl: string, options: OrmOptions = {}): Options {
  const onQuery = options.onQuery;
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator, SeedManager],
    // Every request forks its own EntityManager; touching the global one is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      // Listed in code, so the same migrations run from dist/ and under jest; `path` is where new ones are written.
      migrationsList,
      path: 'migrations',
      pathTs: 'migrations',
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    debug: onQuery ? ['query'] : false,
    logger: onQuery
      ? (message: string) => {
          if (message.startsWith('[query]')) onQuery(message);
        }
      : undefined,
    colors: false,
  });
}

export function openOrm(clientUrl: string, options: OrmOptions = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(clientUrl, options));
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator().getPendingMigrations()).length;
}
