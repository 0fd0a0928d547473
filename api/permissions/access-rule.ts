import type { FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { scopeName, type ApiScope } from '../auth/api-scopes';
import type { Role } from '../../schema/org/org.enums';
import { MATCHES_NOTHING } from '../data-loaders';
import { hasScope, type Viewer } from './viewer';

/**
 * A named decision about who may do or see something. Rules are data: the graphql-shield rule set is generated
 * from them (see shield.ts) and their names and descriptions document the policy.
 */
export interface AccessRule<Row = unknown> {
  readonly name: string;
  readonly description: string;
  allows(ctx: RequestContext, row: Row): boolean | Promise<boolean>;
  /**
   * For an API key this rule refuses: the scope whose absence is the reason (the key's user would pass), else
   * undefined. A refused key is told which one it lacks (`extensions.missingScope`), so its owner knows what to grant.
   */
  missingScope?(viewer: Viewer): ApiScope | undefined;
  /**
   * Set when the decision depends on who asks alone, never on the row (`allows` then ignores its row). A type guarded
   * by such a rule is checked once per object rather than once per field: see shield.ts.
   */
  readonly decidedByViewer?: true;
}

/**
 * A field rule that can also be stated in SQL, so a list filtered on the guarded field only matches rows whose
 * field the viewer may read: a hidden value can't be probed through a filter.
 */
export interface SqlAccessRule<Row extends object> extends AccessRule<Row> {
  where(viewer: Viewer): FilterQuery<Row>;
}

export function accessRule<Row = unknown>(
  name: string,
  description: string,
  allows: (ctx: RequestContext, row: Row) => boolean | Promise<boolean>,
): AccessRule<Row> {
  return { name, description, allows };
}

export function isSqlAccessRule<Row extends object>(rule: AccessRule<Row>): rule is SqlAccessRule<Row> {
  return typeof (rule as Partial<SqlAccessRule<Row>>).where === 'function';
}

/** Public operations (login): stated explicitly, since everything else is denied by default. */
export const anyone = accessRule('anyone', 'anyone, signed in or not', () => true);

export const signedIn: AccessRule = {
  ...accessRule('signed-in', 'any signed-in user or API key', (ctx) => ctx.viewer !== null),
  decidedByViewer: true,
};

/** Signed-in people only: an API key can't, for example, mint further keys. */
export const signedInPerson = accessRule(
  'signed-in-person',
  'a signed-in user (not an API key)',
  (ctx) => ctx.viewer !== null && ctx.viewer.apiKeyId === null,
);

/** A signed-in person may do this; an API key only when it carries `scope`. */
export function scoped(scope: ApiScope): AccessRule {
  return {
    ...accessRule(`scope:${scope}`, `signed-in users; API keys with scope ${scopeName(scope)}`, (ctx) =>
      ctx.viewer !== null && hasScope(ctx.viewer, scope),
    ),
    missingScope: (viewer) => lacksScope(viewer, scope),
  };
}

/** `scope` when `viewer` is an API key without it: what a rule's `missingScope` reports. */
export function lacksScope(viewer: Viewer, scope: ApiScope): ApiScope | undefined {
  return viewer.apiKeyId !== null && !hasScope(viewer, scope) ? scope : undefined;
}

/** The scope an API key lacks for `rule`, by its client-facing name (`READ_SALES`); undefined when that is not why. */
export function missingScopeOf(rule: AccessRule<never>, viewer: Viewer): string | undefined {
  const scope = rule.missingScope?.(viewer);
  return scope === undefined ? undefined : scopeName(scope);
}

/** Signed-in people holding one of `roles`; API keys are refused (no scope grants these writes). */
export function signedInPersonWithRole(name: string, description: string, roles: readonly Role[]): AccessRule {
  return accessRule(name, description, (ctx) => ctx.viewer !== null && ctx.viewer.apiKeyId === null && roles.includes(ctx.viewer.role));
}

/**
 * The usual type-level rule: whoever the row scope let see a row may read its unguarded fields. The row scope itself
 * is applied in SQL by every query and loader, so a row a viewer may not see never reaches a resolver.
 */
export const rowReaders: AccessRule = {
  ...accessRule('row-readers', 'whoever may see the row (row scope is applied in SQL)', (ctx) => ctx.viewer !== null),
  decidedByViewer: true,
};

/**
 * A rule decided by who the viewer is alone (role, partner or not), never by the row. It has a SQL form for free,
 * so lists may filter on the fields it guards: all rows when it allows, none when it refuses.
 */
export function viewerRule<Row = unknown>(name: string, description: string, test: (viewer: Viewer) => boolean): AccessRule<Row> {
  const rule: AccessRule<Row> & { where(viewer: Viewer): object } = {
    name,
    description,
    decidedByViewer: true,
    allows: (ctx) => ctx.viewer !== null && test(ctx.viewer),
    where: (viewer) => (test(viewer) ? {} : MATCHES_NOTHING),
  };
  return rule;
}

/** Signed-in users holding one of `roles` (API keys: only when their user does). */
export function rolesRule<Row = unknown>(name: string, description: string, roles: readonly Role[]): AccessRule<Row> {
  return viewerRule(name, description, (viewer) => roles.includes(viewer.role));
}
