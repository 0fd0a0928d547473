import { registerEnumType } from 'type-graphql';

/**
 * What an API key may be granted. A key never does more than its user may do: scopes only narrow the user's own
 * permissions. Modules add their scopes here as they come.
 */
export enum ApiScope {
  READ_ORG = 'read:org',
  READ_CATALOG = 'read:catalog',
  READ_SALES = 'read:sales',
  READ_PERFORMANCE = 'read:performance',
  WRITE_LEADS = 'write:leads',
  MANAGE_WEBHOOKS = 'manage:webhooks',
}

/**
 * A scope as clients spell it: the GraphQL enum value (`READ_SALES`), which `createApiKey(input: { scopes })` takes
 * and `ApiKey.scopes` returns. The stored value (`read:sales`) never reaches a client.
 */
export function scopeName(scope: ApiScope): string {
  const name = (Object.keys(ApiScope) as (keyof typeof ApiScope)[]).find((key) => ApiScope[key] === scope);
  if (name === undefined) throw new Error(`unknown API scope ${scope}`);
  return name;
}

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'A permission an API key may be granted; it narrows, never widens, what the key user may do.',
  valuesConfig: {
    READ_ORG: { description: 'Read the org directory: users, org units and approval limits.' },
    READ_CATALOG: { description: 'Read the catalogue: product lines, products and price lists.' },
    READ_SALES: { description: 'Read sales data: customers, contacts, visits, complaints, leads, opportunities, quotes, approvals, contracts, orders, shipments, invoices, payments, sell-through reports and the deal events.' },
    READ_PERFORMANCE: { description: 'Read performance data: targets, plans, achievement and KPIs, rankings, appraisals and commission statements, and their events.' },
    WRITE_LEADS: { description: 'Create leads (e.g. from a web form or a trade-show scanner).' },
    MANAGE_WEBHOOKS: { description: 'Register webhook endpoints, read their delivery log, redeliver and replay.' },
  },
});
