import { GraphQLObjectType, isAbstractType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield, type IRule, type IRules } from 'graphql-shield';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { anyone, missingScopeOf, type AccessRule } from './access-rule';
import { fieldRulesOf, operationRuleOf, typeRuleOf } from './policy-registry';

/** One entry of the generated policy: which rule guards which schema field. Used for docs and the matrix test. */
export interface PolicyEntry {
  typeName: string;
  fieldName: string;
  rule: AccessRule<never>;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Reads the declared policies (`@ReadableBy`, `@Allow`) for every object type and root field of the built schema.
 * Anything without a declaration is absent here, and so denied by the shield's fallback rule.
 */
export function collectPolicy(schema: GraphQLSchema): { types: Map<string, AccessRule<never>>; fields: PolicyEntry[] } {
  const storage = getMetadataStorage();
  const operations = [...storage.queries, ...storage.mutations, ...storage.subscriptions];
  const types = new Map<string, AccessRule<never>>();
  const fields: PolicyEntry[] = [];

  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    if (ROOT_TYPES.has(type.name)) {
      for (const fieldName of Object.keys(type.getFields())) {
        const operation = operations.find((op) => op.schemaName === fieldName && rootTypeOf(op, storage) === type.name);
        const declared = operation && operationRuleOf(operation.target, operation.methodName);
        if (declared) fields.push({ typeName: type.name, fieldName, rule: declared as AccessRule<never> });
      }
      continue;
    }
    const classMetadata = storage.objectTypes.find((o) => o.name === type.name);
    if (!classMetadata) continue;
    const typeRule = typeRuleOf(classMetadata.target);
    if (typeRule) types.set(type.name, typeRule);
    for (const [property, fieldRule] of fieldRulesOf(classMetadata.target)) {
      const field = storage.fields.find((f) => f.target === classMetadata.target && f.name === property);
      fields.push({ typeName: type.name, fieldName: field?.schemaName ?? property, rule: fieldRule });
    }
  }
  return { types, fields };
}

function rootTypeOf(
  operation: { target: Function; methodName: string },
  storage: ReturnType<typeof getMetadataStorage>,
): string {
  if (storage.queries.some((q) => q.target === operation.target && q.methodName === operation.methodName)) return 'Query';
  if (storage.mutations.some((m) => m.target === operation.target && m.methodName === operation.methodName)) return 'Mutation';
  return 'Subscription';
}

let ruleCounter = 0;

/**
 * Signed-out callers are told to authenticate; signed-in ones that the rule refuses get FORBIDDEN naming the rule
 * (its description, as schema.graphql states it) and, for an API key, the scope it lacks. The message stays generic.
 */
function toShieldRule(accessRule: AccessRule<never>, guards: 'operation' | 'field'): IRule {
  ruleCounter += 1;
  return rule(`${accessRule.name}#${ruleCounter}`, { cache: 'no_cache' })(
    async (parent: unknown, _args: unknown, ctx: RequestContext) => {
      if (await accessRule.allows(ctx, parent as never)) return true;
      if (ctx.viewer === null) return new UnauthenticatedError();
      const missingScope = missingScopeOf(accessRule, ctx.viewer);
      return new ForbiddenError(undefined, {
        ...(guards === 'operation' ? { allowedFor: accessRule.description } : { readableBy: accessRule.description }),
        ...(missingScope === undefined ? {} : { missingScope }),
      });
    },
  );
}

/**
 * Writes each declared rule into the description of the field it guards, so schema.graphql itself says who may
 * call each operation and read each guarded field.
 */
export function documentPolicy(schema: GraphQLSchema): void {
  for (const entry of collectPolicy(schema).fields) {
    const type = schema.getType(entry.typeName);
    if (!(type instanceof GraphQLObjectType)) continue;
    const field = type.getFields()[entry.fieldName];
    const verb = ROOT_TYPES.has(entry.typeName) ? 'Allowed for' : 'Readable by';
    const note = `${verb}: ${entry.rule.description}.`;
    field.description = field.description ? `${field.description}\n\n${note}` : note;
  }
}

/** The graphql-shield middleware generated from the declared policy, with deny as the fallback for everything else. */
function permissionsFromPolicy(schema: GraphQLSchema) {
  const policy = collectPolicy(schema);
  const tree: Record<string, Record<string, IRule | typeof allow>> = {};
  for (const [typeName, typeRule] of policy.types) {
    tree[typeName] = { '*': typeRule === anyone ? allow : toShieldRule(typeRule, 'field') };
  }
  for (const entry of policy.fields) {
    tree[entry.typeName] ??= {};
    tree[entry.typeName][entry.fieldName] = toShieldRule(entry.rule, ROOT_TYPES.has(entry.typeName) ? 'operation' : 'field');
  }
  return shield(tree as IRules, {
    fallbackRule: deny,
    fallbackError: () => new ForbiddenError(),
    // Errors thrown by resolvers are ours (AppError) and must reach the client as they are.
    allowExternalErrors: true,
  });
}

/** A type rule that refuses throws here: the object reads as null with the error at its path. */
function checkOncePerObject(typeRule: AccessRule<never>, ctx: RequestContext): true {
  if (typeRule.allows(ctx, undefined as never) === true) return true;
  if (ctx.viewer === null) throw new UnauthenticatedError();
  const missingScope = missingScopeOf(typeRule, ctx.viewer);
  throw new ForbiddenError(undefined, { readableBy: typeRule.description, ...(missingScope === undefined ? {} : { missingScope }) });
}

/**
 * The schema as served: the declared policy enforced on every field, with one shortcut. A type whose rule is decided
 * by the viewer alone (`decidedByViewer`: most types, whose rows the row scope filtered in SQL) is checked once per
 * object, through graphql-js's `isTypeOf`, and its unguarded fields keep their plain synchronous resolvers; only its
 * guarded fields pass the shield. Checking every field of every row (a 6,684-row report has 60,000 fields, each an
 * asynchronous rule returning a promise) bound big responses to Node's time, not PostgreSQL's. Types readable by
 * anyone need no check at all. The decision per field is unchanged: the type's rule and, where declared, the field's.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const policy = collectPolicy(schema);
  const guardedFields = new Set(policy.fields.map((entry) => `${entry.typeName}.${entry.fieldName}`));
  const fieldMiddleware = permissionsFromPolicy(schema).generate(schema) as Record<string, Record<string, unknown>>;
  const typesOfAbstracts = new Set(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .filter((abstract) => abstract.resolveType === undefined)
      .flatMap((abstract) => schema.getPossibleTypes(abstract).map((type) => type.name)),
  );
  for (const [typeName, typeRule] of policy.types) {
    const middleware = fieldMiddleware[typeName];
    if (middleware === undefined || (typeRule !== anyone && typeRule.decidedByViewer !== true)) continue;
    for (const fieldName of Object.keys(middleware)) {
      if (!guardedFields.has(`${typeName}.${fieldName}`)) delete middleware[fieldName];
    }
    if (typeRule === anyone) continue;
    // Without a resolveType, graphql-js would pick an abstract type's member by isTypeOf: ours answers for any object.
    if (typesOfAbstracts.has(typeName)) throw new Error(`${typeName} belongs to an abstract type without resolveType`);
    const type = schema.getType(typeName) as GraphQLObjectType;
    const isTypeOf = type.isTypeOf;
    type.isTypeOf = (value, ctx: RequestContext, info) => checkOncePerObject(typeRule, ctx) && (isTypeOf?.(value, ctx, info) ?? true);
  }
  return applyMiddleware(schema, fieldMiddleware as never);
}
