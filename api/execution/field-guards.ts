import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import type { RequestContext } from '../context';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { missingScopeOf, type AccessRule } from '../permissions/access-rule';
import type { Viewer } from '../permissions/viewer';

/**
 * A rule's answer for one viewer and row: allowed, refused, or `null` when the rule itself failed (threw or
 * rejected), which refuses with the generic FORBIDDEN as graphql-shield's fallback did.
 */
type Decision = boolean | null;

/** What one request has decided so far: per viewer-decided rule, and per row and row-dependent rule (the row's mask). */
interface Decisions {
  viewer: Viewer | null;
  byViewer: Map<AccessRule<never>, Decision | Promise<Decision>>;
  byRow: WeakMap<object, Map<AccessRule<never>, Decision | Promise<Decision>>>;
}

const requestDecisions = new WeakMap<RequestContext, Decisions>();

/**
 * The decisions of `ctx`'s request, dropped when its viewer changes (after `login` the rest of the request acts as
 * the signed-in user). Keyed by the context, never by the row alone: one row may be shown to several viewers.
 */
function decisionsOf(ctx: RequestContext): Decisions {
  let decisions = requestDecisions.get(ctx);
  if (decisions === undefined || decisions.viewer !== ctx.viewer) {
    decisions = { viewer: ctx.viewer, byViewer: new Map(), byRow: new WeakMap() };
    requestDecisions.set(ctx, decisions);
  }
  return decisions;
}

function evaluate(rule: AccessRule<never>, ctx: RequestContext, row: unknown): Decision | Promise<Decision> {
  let answer: boolean | Promise<boolean>;
  try {
    answer = rule.allows(ctx, row as never);
  } catch {
    return null;
  }
  if (typeof answer === 'boolean') return answer;
  return Promise.resolve(answer).then(
    (allowed) => allowed === true,
    () => null,
  );
}

/**
 * The rule's decision for this row, taken once per request (a rule decided by the viewer) or once per row (any
 * other): a row's fields that share a rule share its decision, and an asynchronous rule's answer, once it came,
 * is read synchronously by the fields after it.
 */
function decide(rule: AccessRule<never>, ctx: RequestContext, row: unknown): Decision | Promise<Decision> {
  const decisions = decisionsOf(ctx);
  let mask: Map<AccessRule<never>, Decision | Promise<Decision>>;
  if (rule.decidedByViewer === true) {
    mask = decisions.byViewer;
  } else if (typeof row === 'object' && row !== null) {
    let rowMask = decisions.byRow.get(row);
    if (rowMask === undefined) {
      rowMask = new Map();
      decisions.byRow.set(row, rowMask);
    }
    mask = rowMask;
  } else {
    return evaluate(rule, ctx, row);
  }
  const known = mask.get(rule);
  if (known !== undefined) return known;
  const decision = evaluate(rule, ctx, row);
  mask.set(rule, decision);
  if (decision instanceof Promise) void decision.then((settled) => mask.set(rule, settled));
  return decision;
}

/**
 * A refused field's error: signed-out callers are told to authenticate; signed-in ones get FORBIDDEN naming the
 * rule (its description, as schema.graphql states it) and, for an API key, the scope it lacks. A rule that failed
 * gives the generic FORBIDDEN. A new error per field, since each carries its own path.
 */
function refusal(rule: AccessRule<never>, ctx: RequestContext, decision: Decision): Error {
  if (decision === null) return new ForbiddenError();
  if (ctx.viewer === null) return new UnauthenticatedError();
  const missingScope = missingScopeOf(rule, ctx.viewer);
  return new ForbiddenError(undefined, { readableBy: rule.description, ...(missingScope === undefined ? {} : { missingScope }) });
}

/**
 * How a field of an object type is guarded: by a rule (the field's own, or its type's when the type's rule depends
 * on the row), or refused outright (a type without any rule: deny by default).
 */
export type FieldGuard = { rule: AccessRule<never> } | 'deny';

/**
 * Wraps `field`'s resolver in its guard: the decision is taken synchronously wherever the rule answers
 * synchronously (no promise per field), and the resolver runs only when it allows. A refused field resolves to its
 * error, which graphql-js reports at the field's path with the field `null`.
 */
export function guardField(type: GraphQLObjectType, fieldName: string, guard: FieldGuard): void {
  const field = type.getFields()[fieldName];
  const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
  if (guard === 'deny') {
    field.resolve = () => new ForbiddenError();
    return;
  }
  const { rule } = guard;
  field.resolve = (source, args, ctx, info) => {
    const decision = decide(rule, ctx, source);
    if (decision === true) return resolve(source, args, ctx, info);
    if (!(decision instanceof Promise)) return refusal(rule, ctx, decision);
    return decision.then((settled) => (settled === true ? resolve(source, args, ctx, info) : refusal(rule, ctx, settled)));
  };
}
