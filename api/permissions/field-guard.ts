import type { FilterQuery } from '@mikro-orm/postgresql';
import { isSqlAccessRule } from './access-rule';
import { fieldRuleOf } from './policy-registry';
import type { Viewer } from './viewer';

type EntityClass<Row> = abstract new (...args: never[]) => Row;

/**
 * A filter condition on `property`, narrowed to the rows whose `property` the viewer may read. Without this a
 * viewer could find a colleague by filtering on a phone number they are not allowed to see.
 */
export function filterOnGuardedField<Row extends object>(
  viewer: Viewer,
  entity: EntityClass<Row>,
  property: string,
  condition: FilterQuery<Row>,
): FilterQuery<Row> {
  const rule = fieldRuleOf<Row>(entity, property);
  if (rule === undefined) return condition;
  if (!isSqlAccessRule(rule)) {
    throw new Error(`${entity.name}.${property} is guarded by "${rule.name}", which has no SQL form to filter with`);
  }
  return { $and: [condition, rule.where(viewer)] } as FilterQuery<Row>;
}
