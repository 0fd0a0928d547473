import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';

/**
 * The one "find or fail" helper: a row that exists but lies outside the viewer's scope fails exactly like one that
 * does not exist, so NOT_FOUND never reveals hidden rows.
 */
export async function findVisibleOrFail<Row extends object>(
  em: EntityManager,
  entity: ClassType<Row>,
  where: FilterQuery<Row>,
  scope: FilterQuery<Row>,
  notFound: () => Error,
): Promise<Row> {
  const row = await em.findOne(entity, { $and: [where, scope] } as FilterQuery<Row>);
  if (row === null) throw notFound();
  return row as Row;
}
