import { GraphQLObjectType, isAbstractType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield, type IRule, type IRules } from 'graphql-shield';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../context';
import { guardField } from '../execution/field-guards';
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
function toShieldRule(accessRule: AccessRule<never>): IRule {
  ruleCounter += 1;
  return rule(`${accessRule.name}#${ruleCounter}`, { cache: 'no_cache' })(
    async (parent: unknown, _args: unknown, ctx: RequestContext) => {
      if (await accessRule.allows(ctx, parent as never)) return true;
      if (ctx.viewer === null) return new UnauthenticatedError();
      const missingScope = missingScopeOf(accessRule, ctx.viewer);
      return new ForbiddenError(undefined, { allowedFor: accessRule.description, ...(missingScope === undefined ? {} : { missingScope }) });
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

/**
 * The graphql-shield middleware for the root operations, generated from the declared policy, with deny as the
 * fallback for operations without one. Object types' fields are guarded apart (see applyPermissions).
 */
function operationPermissions(policy: ReturnType<typeof collectPolicy>) {
  const tree: Record<string, Record<string, IRule>> = {};
  for (const entry of policy.fields) {
    if (!ROOT_TYPES.has(entry.typeName)) continue;
    tree[entry.typeName] ??= {};
    tree[entry.typeName][entry.fieldName] = toShieldRule(entry.rule);
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
 * The schema as served: the declared policy enforced on every field. Root operations pass graphql-shield (one check
 * per operation). An object type's fields are checked without it, each decision taken once:
 * - a type whose rule is decided by the viewer alone (`decidedByViewer`: most types, whose rows the row scope
 *   filtered in SQL) is checked once per object, through graphql-js's `isTypeOf`, and its unguarded fields keep
 *   their plain resolvers; types readable by anyone need no check at all;
 * - a guarded field, and every field of a type whose rule depends on the row, runs behind a guard that takes its
 *   rule's decision once per row (a mask per row) or once per request for a rule decided by the viewer, and
 *   synchronously where the rule answers so (api/execution/field-guards.ts);
 * - a type without a rule is refused field by field (deny by default).
 * Checking every field of every row through a middleware (a 6,684-row report has 60,000 fields, each an asynchronous
 * rule returning a promise) bound big responses to Node's time, not PostgreSQL's. The decision per field is
 * unchanged: the field's rule where declared, else the type's, else deny.
 */
export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const policy = collectPolicy(schema);
  const fieldRules = new Map(policy.fields.map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule]));
  const typesOfAbstracts = new Set(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .filter((abstract) => abstract.resolveType === undefined)
      .flatMap((abstract) => schema.getPossibleTypes(abstract).map((type) => type.name)),
  );
  const operations = operationPermissions(policy).generate(schema) as Record<string, unknown>;
  for (const typeName of Object.keys(operations)) {
    if (!ROOT_TYPES.has(typeName)) delete operations[typeName];
  }
  const served = applyMiddleware(schema, operations as never);

  for (const type of Object.values(served.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__') || ROOT_TYPES.has(type.name)) continue;
    const typeRule = policy.types.get(type.name);
    const checkedPerObject = typeRule !== undefined && (typeRule === anyone || typeRule.decidedByViewer === true);
    for (const fieldName of Object.keys(type.getFields())) {
      const fieldRule = fieldRules.get(`${type.name}.${fieldName}`);
      if (fieldRule !== undefined) guardField(type, fieldName, { rule: fieldRule });
      else if (typeRule === undefined) guardField(type, fieldName, 'deny');
      else if (!checkedPerObject) guardField(type, fieldName, { rule: typeRule });
    }
    if (typeRule === undefined || typeRule === anyone || !checkedPerObject) continue;
    // Without a resolveType, graphql-js would pick an abstract type's member by isTypeOf: ours answers for any object.
    if (typesOfAbstracts.has(type.name)) throw new Error(`${type.name} belongs to an abstract type without resolveType`);
    const isTypeOf = type.isTypeOf;
    type.isTypeOf = (value, ctx: RequestContext, info) => checkOncePerObject(typeRule, ctx) && (isTypeOf?.(value, ctx, info) ?? true);
  }
  return served;
}
