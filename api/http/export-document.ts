import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  GraphQLString,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  typeFromAST,
  valueFromAST,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../pagination';
import { ExportError, ExportErrorCode } from './export-errors';

/** The variable the export pages a connection with; the client's own `after` is its value on the first page. */
export const AFTER_VARIABLE = '_exportAfter';
/** Aliases the export adds to a connection: its page information and (first page only) its row count. */
export const PAGE_ALIAS = '_exportPage';
export const TOTAL_ALIAS = '_exportTotal';

/** One column of an export: where its value sits in a row, and what GraphQL type it has. */
export interface ExportColumn {
  /** The response keys from the row to the value, dotted (`customer.name`): the header unless the report labels it. */
  key: string;
  path: readonly string[];
  /** The value's named type (`Decimal`, `Int`, `String`, an enum…). */
  type: string;
  /** A list (of scalars or objects) inside a row: written as one cell. */
  list: boolean;
}

/** How one export query runs: the documents for its pages, where its rows are and which columns they have. */
export interface ExportPlan {
  operation: OperationDefinitionNode;
  /** The response keys from `data` to the list of rows. */
  rowsPath: readonly string[];
  columns: ExportColumn[];
  /** Set when the rows are a connection's `nodes` or `edges`: the export pages it with `after`. */
  paging: ConnectionPaging | null;
  /** The document for the first page (for a connection, with its row count) and for the pages after it. */
  firstPage: DocumentNode;
  nextPages: DocumentNode;
}

export interface ConnectionPaging {
  /** The response keys from `data` to the connection object. */
  connectionPath: readonly string[];
  /** The variable the pages' cursors go in: the client's own when its `after` is one, else `$_exportAfter`. */
  afterVariable: string;
  /** The client's `after` for the first page (null: from the start). */
  firstAfter: string | null;
  /** Whether the first page asks for `totalCount`, so an export over the row limit is refused before it starts. */
  counted: boolean;
}

/** A field as selected somewhere in a selection set, fragments flattened. */
interface Selected {
  node: FieldNode;
  key: string;
  type: GraphQLOutputType;
  /** Reached through a named fragment: the export cannot rewrite it in place. */
  viaSpread: boolean;
}

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return { name, type: GraphQLString } as GraphQLField<unknown, unknown>;
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/** The fields a selection set selects on `parent`, in order, inline fragments and fragment spreads flattened. */
function selectedFields(schema: GraphQLSchema, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, fragments: Fragments, viaSpread = false): Selected[] {
  const found: Selected[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(schema, parent, selection.name.value);
      if (field !== undefined) found.push({ node: selection, key: selection.alias?.value ?? selection.name.value, type: field.type, viaSpread });
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (fragment === undefined) continue;
      const condition = fragment.typeCondition === undefined ? parent : schema.getType(fragment.typeCondition.name.value);
      if (condition === undefined || !isCompositeType(condition)) continue;
      found.push(...selectedFields(schema, fragment.selectionSet, condition, fragments, viaSpread || selection.kind === Kind.FRAGMENT_SPREAD));
    }
  }
  return found;
}

const isListOfObjects = (type: GraphQLOutputType) => isListType(getNullableType(type)) && isCompositeType(getNamedType(type));

/** The response keys of the first list of objects in the result, depth first in selection order, and its field. */
function firstList(schema: GraphQLSchema, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, fragments: Fragments, keys: string[] = []): { keys: string[]; selected: Selected[] } | null {
  for (const selected of selectedFields(schema, selectionSet, parent, fragments)) {
    const named = getNamedType(selected.type);
    if (isListOfObjects(selected.type)) return { keys: [...keys, selected.key], selected: [selected] };
    if (isListType(getNullableType(selected.type)) || !isCompositeType(named) || selected.node.selectionSet === undefined) continue;
    const inner = firstList(schema, selected.node.selectionSet, named, fragments, [...keys, selected.key]);
    if (inner !== null) return { keys: inner.keys, selected: [selected, ...inner.selected] };
  }
  return null;
}

/** The fields along `keys` (`orders.nodes`), or the reason there is no list there. */
function listAt(schema: GraphQLSchema, operation: OperationDefinitionNode, keys: readonly string[], fragments: Fragments): Selected[] {
  const along: Selected[] = [];
  let selectionSet: SelectionSetNode | undefined = operation.selectionSet;
  let parent: GraphQLCompositeType = schema.getQueryType()!;
  for (const [index, key] of keys.entries()) {
    const selected: Selected | undefined = selectionSet === undefined ? undefined : selectedFields(schema, selectionSet, parent, fragments).find((field) => field.key === key);
    if (selected === undefined) throw new ExportError(ExportErrorCode.NO_LIST, { field: 'rows' });
    along.push(selected);
    const named: GraphQLNamedType = getNamedType(selected.type);
    if (index < keys.length - 1 && isListType(getNullableType(selected.type))) throw new ExportError(ExportErrorCode.AMBIGUOUS_LIST, { field: 'rows' });
    if (!isCompositeType(named)) throw new ExportError(ExportErrorCode.NO_LIST, { field: 'rows' });
    selectionSet = selected.node.selectionSet;
    parent = named;
  }
  const last = along[along.length - 1];
  if (last !== undefined && !isListOfObjects(last.type) && selectionSet !== undefined) {
    // A path that names an object (a connection, a report) means its first list: `orders` is `orders.nodes`.
    const inner = firstList(schema, selectionSet, parent, fragments);
    if (inner === null || inner.selected.length > 1) throw new ExportError(ExportErrorCode.NO_LIST, { field: 'rows' });
    along.push(...inner.selected);
  }
  if (last === undefined || !isListOfObjects(along[along.length - 1].type)) throw new ExportError(ExportErrorCode.NO_LIST, { field: 'rows' });
  return along;
}

/** The columns of a row: every leaf selected below it, nested objects as dotted keys, a list as one column. */
function columnsOf(schema: GraphQLSchema, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, fragments: Fragments, prefix: string[] = [], into = new Map<string, ExportColumn>()): Map<string, ExportColumn> {
  for (const selected of selectedFields(schema, selectionSet, parent, fragments)) {
    const path = [...prefix, selected.key];
    const key = path.join('.');
    const named = getNamedType(selected.type);
    const list = isListType(getNullableType(selected.type));
    if (list || isLeafType(named) || selected.node.selectionSet === undefined) {
      if (!into.has(key)) into.set(key, { key, path, type: named.name, list });
    } else if (isCompositeType(named)) {
      columnsOf(schema, selected.node.selectionSet, named, fragments, path, into);
    }
  }
  return into;
}

const field = (name: string, selections: SelectionNode[] = [], alias?: string): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(alias === undefined ? {} : { alias: { kind: Kind.NAME, value: alias } }),
  ...(selections.length === 0 ? {} : { selectionSet: { kind: Kind.SELECTION_SET, selections } }),
});

/** `selectionSet` with the field at `keys` replaced by `change(field)` (wherever it is selected, inline fragments too). */
function rewriteAt(selectionSet: SelectionSetNode, keys: readonly string[], change: (node: FieldNode) => FieldNode): SelectionSetNode {
  const selections = selectionSet.selections.map((selection): SelectionNode => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: rewriteAt(selection.selectionSet, keys, change) };
    if (selection.kind !== Kind.FIELD || (selection.alias?.value ?? selection.name.value) !== keys[0]) return selection;
    if (keys.length === 1) return change(selection);
    return selection.selectionSet === undefined ? selection : { ...selection, selectionSet: rewriteAt(selection.selectionSet, keys.slice(1), change) };
  });
  return { ...selectionSet, selections };
}

/**
 * The connection field made to page: `after: $_exportAfter`, `first` the largest page unless the client chose one,
 * and its page information (and on the first page its row count) under aliases of its own.
 */
function pagedConnection(node: FieldNode, afterVariable: string, counted: boolean): FieldNode {
  const args: ArgumentNode[] = (node.arguments ?? []).filter((arg) => arg.name.value !== 'after');
  args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: afterVariable } } });
  if (!args.some((arg) => arg.name.value === 'first')) {
    args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(MAX_PAGE_SIZE) } });
  }
  const added = [field('pageInfo', [field('hasNextPage'), field('endCursor')], PAGE_ALIAS), ...(counted ? [field('totalCount', [], TOTAL_ALIAS)] : [])];
  return { ...node, arguments: args, selectionSet: { kind: Kind.SELECTION_SET, selections: [...(node.selectionSet?.selections ?? []), ...added] } };
}

function withOperation(document: DocumentNode, operation: OperationDefinitionNode, replaced: OperationDefinitionNode): DocumentNode {
  return { ...document, definitions: document.definitions.map((definition) => (definition === operation ? replaced : definition)) };
}

/** The operation to run, as graphql-js and Apollo choose it (refused with Apollo's code when there is none). */
export function operationOf(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName);
  if (operation !== null && operation !== undefined) return operation;
  const message = operationName === undefined ? 'Must provide operation name if query contains multiple operations.' : `Unknown operation named "${operationName}".`;
  throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

/**
 * Plans the export of a parsed and validated query: the list at `rows` (response keys, dotted; default the first
 * list of objects in the result), its columns, and for a connection the documents that page it.
 */
export function planExport(schema: GraphQLSchema, document: DocumentNode, options: { operationName?: string; rows?: string; variables: Record<string, unknown> }): ExportPlan {
  const operation = operationOf(document, options.operationName);
  if (operation.operation !== 'query') throw new ExportError(ExportErrorCode.NOT_A_QUERY);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const query = schema.getQueryType()!;
  let along: Selected[];
  if (options.rows === undefined) {
    const found = firstList(schema, operation.selectionSet, query, fragments);
    if (found === null) throw new ExportError(ExportErrorCode.NO_LIST, { field: 'rows' });
    along = found.selected;
  } else {
    along = listAt(schema, operation, options.rows.split('.'), fragments);
  }
  if (along.some((selected) => selected.viaSpread)) throw new ExportError(ExportErrorCode.AMBIGUOUS_LIST, { field: 'rows' });
  const rowsPath = along.map((selected) => selected.key);
  const rows = along[along.length - 1];
  const columns = [...columnsOf(schema, rows.node.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] }, getNamedType(rows.type) as GraphQLCompositeType, fragments).values()];

  const connection = along.length >= 2 ? along[along.length - 2] : undefined;
  const connectionType = connection === undefined ? undefined : getNullableType(connection.type);
  const pageable =
    connection !== undefined &&
    isObjectType(connectionType) &&
    ['nodes', 'edges'].includes(rows.node.name.value) &&
    connectionType.getFields().pageInfo !== undefined &&
    connectionField(schema, operation, along)?.args.some((arg) => arg.name === 'after') === true;
  if (!pageable) return { operation, rowsPath, columns, paging: null, firstPage: withOperation(document, operation, operation), nextPages: withOperation(document, operation, operation) };

  const connectionPath = rowsPath.slice(0, -1);
  const counted = connectionType.getFields().totalCount !== undefined;
  const afterArgument = connection.node.arguments?.find((arg) => arg.name.value === 'after');
  const firstAfter = afterArgument === undefined ? null : (valueFromAST(afterArgument.value, GraphQLString, options.variables) as string | null | undefined) ?? null;
  // The client's own `$after` carries the cursors (left unused, it would fail validation); otherwise one is added.
  const ownVariable = afterArgument?.value.kind === Kind.VARIABLE ? afterArgument.value.name.value : undefined;
  const afterVariable = ownVariable ?? AFTER_VARIABLE;
  const afterDefinition = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
  } as const;
  const paged = (count: boolean): DocumentNode =>
    withOperation(document, operation, {
      ...operation,
      variableDefinitions: [...(operation.variableDefinitions ?? []), ...(ownVariable === undefined ? [afterDefinition] : [])],
      selectionSet: rewriteAt(operation.selectionSet, connectionPath, (node) => pagedConnection(node, afterVariable, count)),
    });
  return { operation, rowsPath, columns, paging: { connectionPath, afterVariable, firstAfter, counted }, firstPage: paged(counted), nextPages: paged(false) };
}

/** The schema's field of the connection (the one above the rows), to see whether it takes `after`. */
function connectionField(schema: GraphQLSchema, operation: OperationDefinitionNode, along: Selected[]): GraphQLField<unknown, unknown> | undefined {
  let parent: GraphQLCompositeType = schema.getQueryType()!;
  let found: GraphQLField<unknown, unknown> | undefined;
  for (const selected of along.slice(0, -1)) {
    found = fieldOf(schema, parent, selected.node.name.value);
    const named = getNamedType(selected.type);
    if (!isCompositeType(named)) return undefined;
    parent = named;
  }
  return found;
}

/** The variables of the operation as they apply: those given, and the defaults of those not given. */
export function appliedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): [string, unknown][] {
  const applied: [string, unknown][] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (Object.hasOwn(variables, name) && variables[name] !== undefined) {
      applied.push([name, variables[name]]);
    } else if (definition.defaultValue !== undefined) {
      const type = typeFromAST(schema, definition.type);
      if (type !== undefined) applied.push([name, valueFromAST(definition.defaultValue, type as never)]);
    }
  }
  return applied;
}
