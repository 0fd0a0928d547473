import { GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Storage = ReturnType<typeof getMetadataStorage>;
type FieldMetadata = Storage['fields'][number];

/** The classes a type's fields may come from: its own and those it extends. */
function classChain(target: Function): Function[] {
  const chain: Function[] = [];
  for (let cls: unknown = target; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    chain.push(cls as Function);
  }
  return chain;
}

/**
 * The metadata of `fieldName` of the class `target` when type-graphql serves it by reading the property alone: a
 * `@Field` on a property (or getter), with no field resolver, middleware, roles or `simple` option. Else undefined.
 */
function propertyField(storage: Storage, target: Function, fieldName: string): FieldMetadata | undefined {
  const chain = classChain(target);
  const field = storage.fields.find((candidate) => chain.includes(candidate.target) && candidate.schemaName === fieldName);
  if (field === undefined || field.simple !== undefined || (field.middlewares?.length ?? 0) > 0 || field.roles !== undefined) return undefined;
  const hasResolver = storage.fieldResolvers.some(
    (resolver) => (resolver.methodName === field.name || resolver.schemaName === fieldName) && chain.includes(resolver.getObjectType?.() as Function),
  );
  return hasResolver ? undefined : field;
}

/**
 * type-graphql wraps every field of an object type in a resolver of its own that builds a "resolver data" object and
 * runs the (empty) middleware chain before it reads `root[property]`; a 6,684-row report pays that 60,000 times. A
 * field that is only a property read gets a plain read of the same property instead: the same value, without the
 * wrapper. Fields with a field resolver, middleware or options keep type-graphql's resolver.
 */
export function readPropertiesPlainly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const metadata = propertyField(storage, objectType.target, fieldName);
      if (metadata === undefined) continue;
      const property = metadata.name;
      const read: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source) => source[property];
      field.resolve = read;
    }
  }
}
