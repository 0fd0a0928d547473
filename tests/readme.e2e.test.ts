import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GraphQLEnumType,
  GraphQLObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import Decimal from 'decimal.js';
import { aggregateEvents } from '../schema/events/event-catalogue';
import { DEMO_PASSWORD } from '../seeds/demo-company.seeder';
import { people } from './fixtures/demo-people';
import { API_KEYS, LOGIN } from './graphql/documents';
import {
  ORDERS_MATRIX_BATCH_TRACE,
  ORDERS_MATRIX_COLLECTION_PERFORMANCE,
  ORDERS_MATRIX_CONTRACTS,
  ORDERS_MATRIX_CONTRACTS_BY_AMOUNT,
  ORDERS_MATRIX_EVENTS,
  ORDERS_MATRIX_INVOICES,
  ORDERS_MATRIX_ORDERS,
  ORDERS_MATRIX_ORDERS_BY_TOTAL,
  ORDERS_MATRIX_PAYMENTS,
  ORDERS_MATRIX_RECEIVABLES_AGING,
  ORDERS_MATRIX_SELL_THROUGH_REPORTS,
  ORDERS_MATRIX_SHIPMENTS,
} from './graphql/orders-matrix.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * README.md is a set of claims, and this file runs them on the seeded demo company, so the README cannot drift:
 * - every ```graphql block parses and validates against the schema; one that is not a query to run says why in a
 *   `<!-- doc-test: skip (why) -->` right above it;
 * - every other block is one named query, followed by its role tables (first column "signed in as"): each row's
 *   roles are run through the query, and every cell is compared with what came back — counts, "shown",
 *   "`null` + FORBIDDEN", NOT_FOUND, "—" (no rows), "allowed", FORBIDDEN; a column is a field of the query (named in
 *   backticks, or a top-level list in words), or one of the measurements in COLUMNS below. A cell or a column this
 *   file cannot interpret fails it; text after a value, in parentheses or after a colon, is commentary;
 * - a cell of a field column may instead give the field's values ("What each demo login sees"): figures (thousands
 *   separators allowed, compared as numbers), enum values, names, `null`, and "hidden" for a value refused with
 *   FORBIDDEN at its path, one per row the query returns, joined by " / ";
 * - the demo logins table: every login signs in with the README's password as the role, unit and name it says, and
 *   the API key acts as the integration user with exactly the scopes listed;
 * - a shell example that shows its response (a `# {…}` line) is run and must answer exactly that;
 * - the "who" tables (rows or fields, and who sees them) name only fields and lists the schema has; their prose is
 *   the policy's description and is checked by the permission matrices (tests/permissions.*.matrix.test.ts).
 * A table whose rows start with a role but is none of the above fails, so a new role table cannot go unchecked.
 *
 * The other README checks: tests/event-catalogue.e2e.test.ts (the deal events table), tests/error-codes.test.ts (the
 * error codes table), tests/bad-input/readme-rules.test.ts (the input rules tables), tests/typed-client.test.ts (the
 * `<!-- typed-client: … -->` blocks).
 */
const README = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

// --- README as blocks -------------------------------------------------------------------------------------------

interface Table {
  line: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
}
interface CodeBlock {
  line: number;
  lang: string;
  text: string;
  /** The HTML comment right above the block, if any (`doc-test: skip (…)`, `typed-client: …`). */
  marker: string | undefined;
}
type Block = { kind: 'heading'; line: number } | ({ kind: 'code' } & CodeBlock) | ({ kind: 'table' } & Table);

/** A table row's cells; a `|` inside backticks belongs to the cell. */
function cellsOf(row: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = false;
  for (const char of row.trim().slice(1)) {
    if (char === '`') code = !code;
    if (char === '|' && !code) {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  if (cell.trim() !== '') throw new Error(`README line ${line}: a table row must end with |`);
  return cells;
}

function blocksOf(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let marker: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const end = lines.indexOf('```', i + 1);
      if (end < 0) throw new Error(`README line ${i + 1}: unclosed code block`);
      blocks.push({ kind: 'code', line: i + 1, lang: fence[1], text: lines.slice(i + 1, end).join('\n'), marker });
      marker = undefined;
      i = end;
      continue;
    }
    const comment = /^<!--\s*(.*?)\s*-->\s*$/.exec(line);
    if (comment) {
      marker = comment[1];
      continue;
    }
    if (line.startsWith('|')) {
      let end = i;
      while (end + 1 < lines.length && lines[end + 1].startsWith('|')) end++;
      if (!/^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1] ?? '')) throw new Error(`README line ${i + 2}: a table needs a separator row`);
      blocks.push({
        kind: 'table',
        line: i + 1,
        header: cellsOf(line, i + 1),
        rows: lines.slice(i + 2, end + 1).map((row, index) => ({ line: i + 3 + index, cells: cellsOf(row, i + 3 + index) })),
      });
      marker = undefined;
      i = end;
      continue;
    }
    if (/^#+ /.test(line)) blocks.push({ kind: 'heading', line: i + 1 });
    // A marker belongs to the block right below it (blank lines allowed), never to one further down.
    if (line.trim() !== '') marker = undefined;
  }
  return blocks;
}

/** Splits at commas outside parentheses and backticks: "ADMIN, SALES_VP" → two labels. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let code = false;
  let part = '';
  for (const char of text) {
    if (char === '`') code = !code;
    if (!code && char === '(') depth++;
    if (!code && char === ')') depth--;
    if (char === ',' && depth === 0 && !code) {
      parts.push(part.trim());
      part = '';
    } else part += char;
  }
  parts.push(part.trim());
  return parts;
}

const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

const BLOCKS = blocksOf(README);
const TABLES = BLOCKS.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
const GRAPHQL_BLOCKS = BLOCKS.filter((b): b is Extract<Block, { kind: 'code' }> => b.kind === 'code' && b.lang === 'graphql');
const SKIP = /^doc-test: skip \((.+)\)$/;

/** A query README asks its reader to run, with the role tables below it (up to the next heading or query). */
interface ReadmeQuery {
  block: CodeBlock;
  document: DocumentNode;
  name: string;
  tables: Table[];
}

function readmeQueries(): ReadmeQuery[] {
  const queries: ReadmeQuery[] = [];
  let current: ReadmeQuery | undefined;
  for (const block of BLOCKS) {
    if (block.kind === 'heading') current = undefined;
    if (block.kind === 'code' && block.lang === 'graphql') {
      current = undefined;
      if (block.marker !== undefined && SKIP.test(block.marker)) continue;
      const document = parse(block.text);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (operations.length !== 1 || operations[0].operation !== 'query' || operations[0].name === undefined) {
        throw new Error(`README line ${block.line}: a graphql block to run is one named query; mark others <!-- doc-test: skip (why) -->`);
      }
      current = { block, document, name: operations[0].name.value, tables: [] };
      queries.push(current);
    }
    if (block.kind === 'table' && block.header[0] === 'signed in as') {
      if (current === undefined) throw new Error(`README line ${block.line}: a role table with no query above it in its section`);
      current.tables.push(block);
    }
  }
  return queries;
}

// --- The demo logins table ----------------------------------------------------------------------------------------

interface Login {
  /** How role tables name this login: the role and, where README gives one, the unit ("TEAM_MANAGER 上海一组"). */
  label: string;
  role: string;
  unit: string | undefined;
  /** A partner's distributor. */
  distributor: string | undefined;
  name: string;
  email: string | undefined;
  apiKey: string | undefined;
  scopes: string[] | undefined;
  line: number;
}

function logins(): Login[] {
  const tables = TABLES.filter((t) => t.header.join('|') === 'role|email|name');
  if (tables.length !== 1) throw new Error('README needs one demo logins table (role | email | name)');
  return tables[0].rows.map(({ cells: [roleCell, access, name], line }) => {
    const role = /^([A-Z_]+)(?: ([^(]+?))?(?: \(([^)]+)\))?$/.exec(roleCell);
    if (role === null) throw new Error(`README line ${line}: cannot read the role "${roleCell}"`);
    const login = { role: role[1], unit: role[2], distributor: role[3], name, line, label: role[2] ? `${role[1]} ${role[2]}` : role[1] };
    if (/^[\w.]+@[\w.]+$/.test(access)) return { ...login, email: access, apiKey: undefined, scopes: undefined };
    const key = /^API key `(sg_\w+_[\w-]+)` \(header `x-api-key`, scopes? ((?:`[A-Z_]+`(?:, )?)+)\)$/.exec(access);
    if (key === null) throw new Error(`README line ${line}: cannot read "${access}": an email, or API key \`sg_…\` (header \`x-api-key\`, scopes \`…\`)`);
    return { ...login, email: undefined, apiKey: key[1], scopes: backticked(key[2]) };
  });
}

/** The logins a role table's first cell names: "SALES_REP 广州组, KEY_ACCOUNT_MANAGER, FINANCE", "PARTNER (欧阳晓峰)". */
function loginsNamed(cell: string, all: Login[]): Login[] {
  return splitTopLevel(cell).map((item) => {
    const match = /^(.+?)(?: \(([^)]*(?:\([^)]*\))?[^)]*)\))?$/.exec(item)!;
    const login = all.find((l) => l.label === match[1]);
    if (login === undefined) throw new Error(`"${item}" names no row of the demo logins table (${all.map((l) => l.label).join(', ')})`);
    // A Chinese name in parentheses must be that login's.
    if (match[2] !== undefined && /^\p{Script=Han}+$/u.test(match[2]) && match[2] !== login.name) {
      throw new Error(`"${item}": ${login.label} is ${login.name}, not ${match[2]}`);
    }
    return login;
  });
}

// --- Cells ----------------------------------------------------------------------------------------------------------

/** One value of a values cell: a figure (1,234.50), an enum value, a name, null or hidden. */
const VALUE = /(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|null|hidden|[A-Z][A-Z_]+|[\p{Script=Han}A-Za-z0-9]+)/u;
const FIGURE = /^-?[\d,]+(?:\.\d+)?$/;
/** A value as compared: figures as exact decimals without separators or trailing zeros ("1,280.50" → "1280.5"). */
const normalValue = (value: string): string => (FIGURE.test(value) ? new Decimal(value.replace(/,/g, '')).toFixed() : value);
const valuesClaim = (cell: string): string => cell.split(' / ').map(normalValue).join(' / ');
/** The claims that are not values: a column of fields observes these unless its cell gives the values. */
const WORD_CLAIMS = new Set(['shown', '`null` + FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'allowed', '—']);

/** Text after a value: "(…)" or ": …". */
const COMMENTARY = /^(?: \(.*\)|: .+)?$/;
const CELL_FORMS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^shown/, () => 'shown'],
  [/^`null` \+ FORBIDDEN/, () => '`null` + FORBIDDEN'],
  [/^NOT_FOUND/, () => 'NOT_FOUND'],
  [/^FORBIDDEN/, () => 'FORBIDDEN'],
  [/^allowed/, () => 'allowed'],
  [/^—/, () => '—'],
  [/^\d+(?: \/ \d+)*(?: \(\d+\))?/, (match) => match[0]],
  [new RegExp(`^${VALUE.source}(?: / ${VALUE.source})*`, 'u'), (match) => valuesClaim(match[0])],
];

/** What a cell claims, without its commentary; a cell in no known form fails. */
function claimOf(cell: string): string {
  for (const [form, value] of CELL_FORMS) {
    const match = form.exec(cell);
    if (match && COMMENTARY.test(cell.slice(match[0].length))) return value(match);
  }
  throw new Error(`cannot interpret the cell "${cell}"`);
}

// --- Observations -----------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Response = GraphQLResponse<Json>;

const samePath = (a: readonly (string | number)[] | undefined, b: readonly (string | number)[]) => JSON.stringify(a) === JSON.stringify(b);
const errorAt = (response: Response, at: (string | number)[], code: string) => (response.errors ?? []).some((e) => e.extensions?.code === code && samePath(e.path, at));

/** The values at `keys` (response keys, lists walked through), each with its path; a null on the way is a value too. */
function valuesAt(data: Json, keys: string[]): { at: (string | number)[]; value: unknown }[] {
  const found: { at: (string | number)[]; value: unknown }[] = [];
  const walk = (value: unknown, depth: number, at: (string | number)[]): void => {
    if (Array.isArray(value) && depth < keys.length) {
      value.forEach((item, index) => walk(item, depth, [...at, index]));
    } else if (depth === keys.length || value === null || value === undefined) {
      found.push({ at, value: value ?? null });
    } else {
      walk((value as Json)[keys[depth]], depth + 1, [...at, keys[depth]]);
    }
  };
  walk(data, 0, []);
  return found;
}

/**
 * What a field shows a viewer across all rows: "—" without rows, NOT_FOUND when the record it hangs off is null with
 * NOT_FOUND, "shown" when no row refuses it, "`null` + FORBIDDEN" when every row does, else a mixture (matches no cell).
 */
function fieldObservation(response: Response, keys: string[]): string {
  if (response.data === null || response.data === undefined) {
    // A non-null root field refused nulls the whole response: every field reads as that refusal.
    const codes = [...new Set((response.errors ?? []).filter((e) => e.path?.length === 1).map((e) => String(e.extensions?.code)))];
    return codes.length === 1 ? codes[0] : `no data: ${JSON.stringify(response.errors)}`;
  }
  const root = response.data[keys[0]];
  if (root === null) {
    if (errorAt(response, [keys[0]], 'NOT_FOUND')) return 'NOT_FOUND';
    if (errorAt(response, [keys[0]], 'FORBIDDEN')) return 'FORBIDDEN';
  }
  const values = valuesAt(response.data ?? {}, keys);
  if (values.length === 0) return '—';
  if (keys[keys.length - 1] === 'totalCount') return String(values[0].value);
  const refused = values.filter(({ at, value }) => value === null && errorAt(response, at, 'FORBIDDEN')).length;
  if (refused === 0) return 'shown';
  if (refused === values.length) return '`null` + FORBIDDEN';
  return `mixed: ${values.length - refused} shown, ${refused} \`null\` + FORBIDDEN`;
}

/**
 * A field's values across all rows, for a cell that gives them: joined by " / ", a value refused with FORBIDDEN as
 * "hidden"; a refused root, no rows, or every value refused read as in fieldObservation.
 */
function valuesObservation(response: Response, keys: string[]): string {
  const observed = fieldObservation(response, keys);
  if (observed !== 'shown' && !observed.startsWith('mixed')) return observed;
  return valuesAt(response.data ?? {}, keys)
    .map(({ at, value }) => (value === null ? (errorAt(response, at, 'FORBIDDEN') ? 'hidden' : 'null') : normalValue(String(value))))
    .join(' / ');
}

/** How many rows a list gives: its totalCount when selected, else the rows returned. */
function countObservation(response: Response, key: string): string {
  const list = response.data?.[key];
  if (list === null || list === undefined) {
    const error = (response.errors ?? []).find((e) => samePath(e.path, [key]));
    return String(error?.extensions?.code ?? 'missing');
  }
  if (Array.isArray(list)) return String(list.length);
  const connection = list as { totalCount?: number; nodes?: unknown[] };
  if (typeof connection.totalCount === 'number') return String(connection.totalCount);
  if (Array.isArray(connection.nodes)) return String(connection.nodes.length);
  throw new Error(`${key} is not a list`);
}

/** Several fields in one column must show the same; a part with no rows ("—") gives way to the others. */
function combined(observations: string[]): string {
  const distinct = [...new Set(observations)];
  const withRows = distinct.filter((o) => o !== '—');
  if (withRows.length === 0) return '—';
  return withRows.length === 1 ? withRows[0] : `mixed: ${withRows.join(' | ')}`;
}

/** Every field path of an operation, as response keys: [["customers", "nodes", "creditLimit"], …]. */
function fieldPaths(selectionSet: SelectionSetNode, prefix: string[] = []): string[][] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD) throw new Error('README queries use plain fields (no fragments)');
    const keys = [...prefix, selection.alias?.value ?? selection.name.value];
    return [keys, ...(selection.selectionSet ? fieldPaths(selection.selectionSet, keys) : [])];
  });
}

/** camelCase of a column's words: "channel conflicts" → channelConflicts. */
const camelCase = (words: string) => words.split(/[\s-]+/).map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('');

// --- Columns that count something the README's query does not ask for -------------------------------------------

let app: TestApp;

interface RoleRun {
  auth: Auth;
  /** The README query's response for this viewer. */
  response: Response;
  header: string;
  /** What the README cell claims (values or a word), for columns that can show either. */
  claim: string;
}

/** A measurement's own read, as the viewer, looked at as plain JSON. */
const ask = async <Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, auth: Auth): Promise<Response> =>
  (await app.gql(document, variables, auth)) as unknown as Response;

/** The events of an aggregate type the viewer reads through `events`, every page. */
async function eventCount(aggregateType: string, auth: Auth): Promise<number> {
  const types = Object.keys(aggregateEvents(aggregateType)?.types ?? {});
  if (types.length === 0) throw new Error(`no events of ${aggregateType} in the catalogue`);
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<{ events: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } }> = await app.gql(
      ORDERS_MATRIX_EVENTS,
      { types, after },
      auth,
    );
    if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
    count += response.data!.events.nodes.length;
    if (!response.data!.events.pageInfo.hasNextPage) return count;
    after = response.data!.events.pageInfo.endCursor ?? null;
  }
}

/** Refused at the root (FORBIDDEN) or answered without an error (allowed). */
const permission = (response: Response, key: string) =>
  response.errors === undefined ? 'allowed' : errorAt(response, [key], 'FORBIDDEN') && response.errors.length === 1 ? 'FORBIDDEN' : JSON.stringify(response.errors);

/**
 * Columns of the order-to-cash role tables measured with reads of their own, as README says below the tables.
 * Keyed by the column's exact heading; a heading here that README no longer has fails too.
 */
const COLUMNS: Record<string, (run: RoleRun) => Promise<string>> = {
  'orders (on credit hold)': async ({ response }) => {
    const orders = response.data?.orders as { totalCount: number; nodes: { status: string }[] };
    return `${orders.totalCount} (${orders.nodes.filter((o) => o.status === 'CREDIT_HOLD').length})`;
  },
  shipments: async ({ auth }) => countObservation(await ask(ORDERS_MATRIX_SHIPMENTS, {}, auth), 'shipments'),
  invoices: async ({ auth }) => countObservation(await ask(ORDERS_MATRIX_INVOICES, {}, auth), 'invoices'),
  'sell-through reports': async ({ auth }) => countObservation(await ask(ORDERS_MATRIX_SELL_THROUGH_REPORTS, {}, auth), 'sellThroughReports'),
  'batch B2026-1102 (orders / customers)': async ({ auth, header }) => {
    const batchNumber = /^batch (\S+) /.exec(header)![1];
    const trace = (await ask(ORDERS_MATRIX_BATCH_TRACE, { batchNumber }, auth)).data?.batchTrace as { orders: unknown[]; customers: unknown[] };
    return `${trace.orders.length} / ${trace.customers.length}`;
  },
  'events: contract / order / payment': async ({ auth, header }) => {
    const aggregates = header.replace(/^events: /, '').split(' / ').map((word) => word[0].toUpperCase() + word.slice(1));
    return (await Promise.all(aggregates.map((aggregate) => eventCount(aggregate, auth)))).join(' / ');
  },
  '`Contract.amount`, contract line prices': async ({ auth }) => {
    const response = await ask(ORDERS_MATRIX_CONTRACTS, {}, auth);
    return combined([['amount'], ...['listPrice', 'unitPrice', 'lineTotal'].map((f) => ['lines', f])].map((keys) => fieldObservation(response, ['contracts', 'nodes', ...keys])));
  },
  '`Order.total`, order line prices': async ({ auth }) => {
    const response = await ask(ORDERS_MATRIX_ORDERS, {}, auth);
    return combined([['total'], ...['listPrice', 'discountPercent', 'unitPrice', 'lineTotal'].map((f) => ['lines', f])].map((keys) => fieldObservation(response, ['orders', 'nodes', ...keys])));
  },
  'line `unitCost`, `margin`': async ({ auth }) => {
    const [contracts, orders] = await Promise.all([ask(ORDERS_MATRIX_CONTRACTS, {}, auth), ask(ORDERS_MATRIX_ORDERS, {}, auth)]);
    return combined(
      ['unitCost', 'margin'].flatMap((field) => [
        fieldObservation(contracts, ['contracts', 'nodes', 'lines', field]),
        fieldObservation(orders, ['orders', 'nodes', 'lines', field]),
      ]),
    );
  },
  '`Order.creditHoldReason`, `creditComment`': async ({ auth }) => {
    const response = await ask(ORDERS_MATRIX_ORDERS, {}, auth);
    return combined(['creditHoldReason', 'creditComment'].map((field) => fieldObservation(response, ['orders', 'nodes', field])));
  },
  '`Payment.method`, `reference`, `payerAccount`': async ({ auth }) => {
    const response = await ask(ORDERS_MATRIX_PAYMENTS, {}, auth);
    return combined(['method', 'reference', 'payerAccount'].map((field) => fieldObservation(response, ['payments', 'nodes', field])));
  },
  'contracts by amount / orders by total': async ({ auth }) => {
    const [contracts, orders] = await Promise.all([ask(ORDERS_MATRIX_CONTRACTS_BY_AMOUNT, {}, auth), ask(ORDERS_MATRIX_ORDERS_BY_TOTAL, {}, auth)]);
    const rows = (response: Response, key: string) => ((response.data?.[key] as { nodes: unknown[] }).nodes ?? []).length;
    return `${rows(contracts, 'contracts')} / ${rows(orders, 'orders')}`;
  },
  'receivables reports': async ({ auth }) => {
    const aging = permission(await ask(ORDERS_MATRIX_RECEIVABLES_AGING, {}, auth), 'receivablesAging');
    const collection = permission(await ask(ORDERS_MATRIX_COLLECTION_PERFORMANCE, { from: '2026-01-01', to: '2026-12-31' }, auth), 'collectionPerformance');
    return combined([aging, collection]);
  },
};

/** What a column heading measures: one of COLUMNS, fields of the query in backticks, or a top-level list in words. */
function columnOf(header: string, query: ReadmeQuery): (run: RoleRun) => Promise<string> {
  const measured = COLUMNS[header];
  if (measured !== undefined) return measured;
  const operation = query.document.definitions[0] as OperationDefinitionNode;
  const paths = fieldPaths(operation.selectionSet);
  const fields = backticked(header);
  if (fields.length > 0) {
    // Outside the backticks only commas and a parenthetical remark: "`tier`, `healthScore`", "`colleague.phone` (上海一组)".
    if (!/^(?:, )*(?: \(.*\))?$/.test(header.replace(/`[^`]+`/g, ''))) throw new Error(`cannot interpret the column "${header}"`);
    const keyLists = fields.map((field) => {
      const keys = field.split('.');
      const matches = paths.filter((p) => (keys.length > 1 ? samePath(p, keys) : p[p.length - 1] === field));
      if (matches.length !== 1) throw new Error(`column "${header}": \`${field}\` names ${matches.length} fields of ${query.name}, not one`);
      return matches[0];
    });
    return async ({ response, claim }) =>
      combined(keyLists.map((keys) => (WORD_CLAIMS.has(claim) ? fieldObservation(response, keys) : valuesObservation(response, keys))));
  }
  const key = camelCase(header);
  if (/^[a-z][A-Za-z]*$/.test(key) && paths.some((p) => samePath(p, [key]))) return async ({ response }) => countObservation(response, key);
  throw new Error(`cannot interpret the column "${header}": not a field of ${query.name} nor a measurement of this test`);
}

// --- The checks -----------------------------------------------------------------------------------------------------

beforeAll(async () => {
  // As `npm start` seeds it: the demo sales, order-to-cash records and the demo year are what the tables claim.
  app = await createTestApp({}, { demoYear: true });
});

afterAll(async () => {
  await app?.close();
});

const authOf = async (login: Login): Promise<Auth> => (login.apiKey !== undefined ? { apiKey: login.apiKey } : { token: await app.tokenFor(login.email!) });

/** The README query's answer per viewer, asked once. */
const answers = new Map<string, Promise<Response>>();
function answerOf(query: ReadmeQuery, login: Login, auth: Auth): Promise<Response> {
  const key = `${query.name} ${login.label}`;
  if (!answers.has(key)) answers.set(key, app.gql(query.document as TypedDocumentNode<Json, Record<string, never>>, {}, auth));
  return answers.get(key)!;
}

describe('README’s graphql blocks', () => {
  it.each(GRAPHQL_BLOCKS.map((block) => [block.line, block] as const))('the block at line %i validates against the schema', (_line, block) => {
    const document = parse(block.text);
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    // Each operation on its own: README shows several anonymous ones side by side.
    for (const operation of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
      const errors = validate(app.server.schema, { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
      expect(errors.map((e) => e.message)).toEqual([]);
    }
  });

  it('each is a query to run with its role tables, or says why not', () => {
    for (const block of GRAPHQL_BLOCKS) {
      const skip = block.marker === undefined ? null : SKIP.exec(block.marker);
      if (skip) expect(skip[1].trim().length).toBeGreaterThan(5);
    }
    const queries = readmeQueries();
    expect(queries.map((q) => [q.name, q.tables.length > 0])).toEqual(queries.map((q) => [q.name, true]));
    expect(queries.length).toBeGreaterThan(0);
  });

  it('every role table goes with a query, and every measured column is used', () => {
    const roleTables = TABLES.filter((t) => t.header[0] === 'signed in as');
    expect(readmeQueries().flatMap((q) => q.tables)).toEqual(roleTables);
    const headers = new Set(roleTables.flatMap((t) => t.header));
    expect(Object.keys(COLUMNS).filter((header) => !headers.has(header))).toEqual([]);
  });

  it('no other table starts its rows with a role: a new role table must be one of the kinds checked here', () => {
    const roles = (app.server.schema.getType('Role') as GraphQLEnumType).getValues().map((v) => v.name);
    const startsWithRole = TABLES.filter((t) => t.rows.some((row) => roles.some((role) => row.cells[0].startsWith(role))));
    expect(startsWithRole.map((t) => `${t.line}: ${t.header[0]}`).filter((t) => !/: (signed in as|role)$/.test(t))).toEqual([]);
  });
});

describe('README’s demo logins', () => {
  it('says the password the demo logins use', () => {
    expect(/Every demo login uses the password `([^`]+)`/.exec(README)?.[1]).toBe(DEMO_PASSWORD);
  });

  it('names demo people of the fixtures', () => {
    const emails = new Set(Object.values(people).map((p) => p.email));
    expect(logins().filter((l) => l.email !== undefined && !emails.has(l.email)).map((l) => l.email)).toEqual([]);
  });

  it('every login is who README says: role, unit, distributor and name', async () => {
    const ME = parse('{ me { id name role unit { name } distributor { name } } }') as TypedDocumentNode<Json, Record<string, never>>;
    for (const login of logins()) {
      const response = await app.gql(ME, {}, await authOf(login));
      expect(response.errors).toBeUndefined();
      const me = response.data!.me as { name: string; role: string; unit: { name: string } | null; distributor: { name: string } | null };
      expect({ line: login.line, name: me.name, role: me.role, unit: login.unit && me.unit?.name, distributor: login.distributor && me.distributor?.name }).toEqual({
        line: login.line,
        name: login.name,
        role: login.role,
        unit: login.unit,
        distributor: login.distributor,
      });
    }
  });

  it('the API key has exactly the scopes README lists', async () => {
    const keyed = logins().filter((l) => l.apiKey !== undefined);
    expect(keyed).toHaveLength(1);
    const listed = await app.gql(API_KEYS, {}, { token: await app.tokenFor(people.admin.email) });
    const prefix = keyed[0].apiKey!.split('_')[1];
    expect(listed.data?.apiKeys.find((k) => k.prefix === prefix)?.scopes).toEqual(keyed[0].scopes);
  });
});

describe('README’s shell examples that show their response', () => {
  const examples = BLOCKS.filter((b): b is Extract<Block, { kind: 'code' }> => b.kind === 'code' && b.lang === 'bash' && /^# \{/m.test(b.text));

  it.each(examples.map((block) => [block.line, block] as const))('the example at line %i answers as shown', async (_line, block) => {
    const login = /login\(email: \\"([^\\]+)\\", password: \\"([^\\]+)\\"\)/.exec(block.text);
    const query = /-d '(\{"query":"\{[^']*\}"\})'/.exec(block.text);
    const shown = /^# (\{.*\})$/m.exec(block.text);
    if (login === null || query === null || shown === null) throw new Error(`README line ${block.line}: expected a login, a -d '{"query":…}' and a # {…} response`);
    const signedIn = await app.gql(LOGIN, { email: login[1], password: login[2] });
    const answer = await app.request
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${signedIn.data!.login.accessToken}`)
      .send(query[1]);
    expect(answer.body).toEqual(JSON.parse(shown[1]));
  });
});

describe('README’s "who" tables name fields and lists the schema has', () => {
  const WHO_HEADERS = new Set(['who', 'readable by', 'who sees it']);
  const whoTables = TABLES.filter((t) => t.header.length === 2 && WHO_HEADERS.has(t.header[1]));

  it.each(whoTables.map((table) => [table.line, table] as const))('the table at line %i', (_line, table) => {
    const unknown: string[] = [];
    for (const row of table.rows) {
      // `Type.field` sets the type for the bare names after it, up to a semicolon; a bare name first is a query.
      for (const part of row.cells[0].split(';')) {
        let typeName = 'Query';
        for (const name of backticked(part)) {
          const [owner, field] = name.includes('.') ? name.split('.') : [typeName, name];
          typeName = owner;
          const type = app.server.schema.getType(owner);
          if (!(type instanceof GraphQLObjectType) || type.getFields()[field] === undefined) unknown.push(`${row.line}: ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});

/** Every row of every role table, with its query: one test each. */
const ROLE_ROWS = (() => {
  try {
    return readmeQueries().flatMap((query) => query.tables.flatMap((table) => table.rows.map((row) => [`${query.name}, line ${row.line}: ${row.cells[0]}`, query, table, row] as const)));
  } catch {
    return []; // the structural tests above say why
  }
})();

it('README has role tables to run', () => {
  expect(ROLE_ROWS).not.toEqual([]);
});

// jest refuses an empty table: without rows, the test above fails instead.
describe.each(ROLE_ROWS.length > 0 ? ROLE_ROWS : [['no role tables', undefined, undefined, undefined] as never])('%s', (_name, query, table, row) => {
  it('gets what the table says, column by column', async () => {
    if (query === undefined) return; // no role tables: failed above
    const viewers = loginsNamed(row.cells[0], logins());
    const columns = table.header.slice(1).map((header) => [header, columnOf(header, query)] as const);
    const claimed = Object.fromEntries(table.header.slice(1).map((header, i) => [header, claimOf(row.cells[i + 1])]));
    for (const login of viewers) {
      const auth = await authOf(login);
      const response = await answerOf(query, login, auth);
      // The query itself runs: data (unless the row says the query is refused, FORBIDDEN in every column), and no
      // errors but hidden fields and records out of reach.
      const refused = Object.values(claimed).every((claim) => claim === 'FORBIDDEN');
      if (!refused) expect({ as: login.label, data: response.data === null ? null : 'data' }).toEqual({ as: login.label, data: 'data' });
      expect({ as: login.label, codes: [...new Set((response.errors ?? []).map((e: GraphQLFormattedError) => e.extensions?.code))].filter((c) => c !== 'FORBIDDEN' && c !== 'NOT_FOUND') }).toEqual({ as: login.label, codes: [] });
      const observed: Record<string, string> = {};
      for (const [header, measure] of columns) observed[header] = await measure({ auth, response, header, claim: claimed[header] });
      expect({ as: login.label, ...observed }).toEqual({ as: login.label, ...claimed });
      // "FORBIDDEN (the demo key has no `SCOPE`)": refused for want of exactly that scope.
      const missing = /has no `([A-Z_]+)`/.exec(row.cells.slice(1).join(' '));
      if (missing !== null) {
        expect({ as: login.label, missingScope: [...new Set((response.errors ?? []).map((e) => e.extensions?.missingScope))] }).toEqual({ as: login.label, missingScope: [missing[1]] });
      }
    }
  });
});
