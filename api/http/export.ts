import type { ApolloServer } from '@apollo/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import cors from 'cors';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  parse,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { createRequestContext, type RequestContext } from '../context';
import { AppError, ErrorCode, RETRY_AFTER_SECONDS, UnauthenticatedError } from '../errors';
import { formatGraphQLError } from '../format-error';
import type { Language } from '../i18n';
import type { Viewer } from '../permissions/viewer';
import { appliedVariables, operationOf, PAGE_ALIAS, planExport, TOTAL_ALIAS, type ExportColumn, type ExportPlan } from './export-document';
import { ExportError, ExportErrorCode } from './export-errors';
import { EXPORT_REPORTS, TOTAL_LABEL, type ExportReport } from './export-reports';
import { companyTime, EXPORT_FORMATS, exportWriter, type Cell, type ExportFormat } from './export-writers';
import { currentRequestScope, REQUEST_ID_HEADER, withRequestScope, type RequestScope } from './request-id';
import { MAX_BODY, methodNotAllowed, utf8Only } from './transport-errors';

export const EXPORT_PATH = '/export';

/** What the export endpoint shares with `/graphql`: the same Apollo server (plugins, limits, formatter) and sign-in. */
export interface ExportDependencies {
  apollo: ApolloServer<RequestContext>;
  schema: GraphQLSchema;
  orm: MikroORM;
  config: AppConfig;
  log: Logger;
  /** graphql's rules and the server's limits (depth, cost, aliases, directives), as `/graphql` validates with. */
  validationRules: readonly ValidationRule[];
  /** The request's viewer from its bearer token or API key, refused as `/graphql` refuses it. */
  viewerOf(em: EntityManager, req: Request): Promise<Viewer | null>;
}

/** One export to make: a query with its variables, where its rows are, and how to head its columns. */
interface ExportRequest {
  title: string;
  /** Names the file: `<fileName>-<company date and time>.<format>`. */
  fileName: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string;
  format: ExportFormat;
  rows?: string;
  total?: string;
  labels?: ExportReport['labels'];
}

/** The request's viewer, and the EntityManager that signed it in (the first page runs on it). */
interface SignedIn {
  em: EntityManager;
  viewer: Viewer;
}

/** The statuses of a refused export, by its first error's code. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Errors in the result that leave an empty cell: a refused field, a record out of the viewer's reach. */
const CELL_CODES = new Set<unknown>([ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND]);

function sendErrors(res: Response, errors: readonly GraphQLFormattedError[]): void {
  const code = errors[0]?.extensions?.code;
  const status = (typeof code === 'string' ? STATUS[code] : undefined) ?? 400;
  if (status === 503) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  res.status(status).type('application/json').setHeader('cache-control', 'no-store');
  res.send(JSON.stringify({ errors }));
}

/** A parse or validation error with the code Apollo gives it over HTTP (a limit keeps its own, see formatErrorForClient). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError ?? error, extensions: { ...error.extensions, code } });
}

const valueAt = (data: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);

/** A row's cells in column order: a list as its items joined by `; ` (objects as JSON), a missing value empty. */
function cellsOf(row: unknown, columns: readonly ExportColumn[]): Cell[] {
  return columns.map((column) => {
    const value = valueAt(row, column.path);
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.map((item) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item))).join('; ');
    if (typeof value === 'object') return JSON.stringify(value);
    return value as Cell;
  });
}

/** The column an error's path (below a row) falls in: the longest column key that starts it. */
function columnOfPath(rest: readonly (string | number)[], columns: readonly ExportColumn[]): string | undefined {
  const keys: string[] = [];
  for (const part of rest) {
    if (typeof part === 'number') break;
    keys.push(part);
  }
  for (let length = keys.length; length > 0; length -= 1) {
    const key = keys.slice(0, length).join('.');
    if (columns.some((column) => column.key === key)) return key;
  }
  return undefined;
}

const startsWith = (path: readonly (string | number)[], prefix: readonly string[]) => prefix.every((key, index) => path[index] === key);

/** A page's errors: the cells they empty (column → rows), and those that fail the export. */
function sortErrors(errors: readonly GraphQLFormattedError[] | undefined, plan: ExportPlan, totalPath: readonly string[] | undefined, refused: Map<string, number>): GraphQLFormattedError[] {
  const fatal: GraphQLFormattedError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const path = error.path ?? [];
    let column: string | undefined;
    if (CELL_CODES.has(error.extensions?.code)) {
      if (startsWith(path, plan.rowsPath) && typeof path[plan.rowsPath.length] === 'number') {
        column = columnOfPath(path.slice(plan.rowsPath.length + 1), plan.columns);
        if (column !== undefined) {
          // One count per row and column, however many errors a list cell holds.
          const once = `${path[plan.rowsPath.length]}:${column}`;
          if (seen.has(once)) continue;
          seen.add(once);
        }
      } else if (totalPath !== undefined && startsWith(path, totalPath)) {
        column = columnOfPath(path.slice(totalPath.length), plan.columns);
      }
    }
    if (column === undefined) fatal.push(error);
    else refused.set(column, (refused.get(column) ?? 0) + 1);
  }
  return fatal;
}

/** `receivablesAging-20261205-213012.csv`: ASCII only, in the company's time. */
function fileName(base: string, at: Date, timeZone: string, format: ExportFormat): string {
  const stamp = companyTime(at, timeZone).slice(0, 19).replace(/[-:]/g, '').replace(' ', '-');
  return `${base.replace(/[^A-Za-z0-9_-]/g, '') || 'export'}-${stamp}.${format}`;
}

/** A query-string value as the variable's type takes it; what does not fit is passed on for GraphQL to refuse. */
function fromText(text: string, typeName: string, inputObject: boolean): unknown {
  if (inputObject) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if ((typeName === 'Int' || typeName === 'Float') && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeName === 'Boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * A named report's variables from the query string: `?groupBy=CUSTOMER&asOf=2026-11-30`; a list repeated
 * (`?ids=a&ids=b`) or comma-separated, an input object as JSON. A parameter that is no variable is refused.
 */
function variablesFromQuery(schema: GraphQLSchema, operation: OperationDefinitionNode, query: Record<string, unknown>): Record<string, unknown> {
  const definitions = new Map((operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition]));
  const variables: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    const definition = definitions.get(name);
    if (definition === undefined) throw new ExportError(ExportErrorCode.UNKNOWN_PARAMETER, { field: name });
    const type = typeFromAST(schema, definition.type);
    const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
    const named = type === undefined ? undefined : getNamedType(type);
    const convert = (text: string) => fromText(text, named?.name ?? 'String', named !== undefined && isInputObjectType(named));
    variables[name] = type !== undefined && isListType(getNullableType(type)) ? texts.flatMap((text) => text.split(',')).map(convert) : convert(texts[texts.length - 1]);
  }
  return variables;
}

/**
 * `POST /export` and `GET /export/<name>.<csv|xlsx>`: a report query, run as the viewer through the same Apollo
 * server as `/graphql` (so every permission, limit and error format applies), written as CSV or XLSX while it runs;
 * a connection is paged with `after` and each page written as it comes. README "Exports" describes the files.
 */
export function exportRoutes(deps: ExportDependencies): Router {
  const { apollo, schema, orm, config, log, validationRules } = deps;
  const router = Router();
  const exportCors = cors({ origin: config.corsOrigins, credentials: false, maxAge: 600, exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'content-disposition'] });

  /** Parses and validates as `/graphql` does, with the same limits; refusals are GraphQL errors with Apollo's codes. */
  const parsed = (query: string): DocumentNode => {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: config.limits.maxTokens });
    } catch (error) {
      throw error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : error;
    }
    const errors = validate(schema, document, validationRules);
    if (errors.length > 0) throw errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
    return document;
  };

  const execute = async (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, contextValue: RequestContext) => {
    const response = await apollo.executeOperation({ query: document, variables, operationName }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('an export query cannot use incremental delivery');
    return response.body.singleResult;
  };

  /** Runs one export: refused as JSON until its first page is in hand, streamed from then on. */
  const run = async (req: Request, res: Response, scope: RequestScope, signedIn: SignedIn, request: ExportRequest): Promise<void> => {
    const started = Date.now();
    const { em, viewer } = signedIn;
    const plan = planExport(schema, request.document, { operationName: request.operationName, rows: request.rows, variables: request.variables });
    const totalPath = request.total?.split('.');
    const language: Language = scope.language;
    const contextOf = (pageEm: EntityManager) => createRequestContext(pageEm, config, scope.log, viewer, req.ip ?? null);
    const pageVariables = (after: string | null) => (plan.paging === null ? request.variables : { ...request.variables, [plan.paging.afterVariable]: after });

    const refused = new Map<string, number>();
    const first = await execute(plan.firstPage, pageVariables(plan.paging?.firstAfter ?? null), request.operationName, contextOf(em));
    const fatal = sortErrors(first.errors, plan, totalPath, refused);
    if (fatal.length > 0 || first.data === null || first.data === undefined) {
      sendErrors(res, fatal.length > 0 ? fatal : (first.errors ?? []));
      return;
    }
    const firstRows = (valueAt(first.data, plan.rowsPath) as unknown[] | null | undefined) ?? [];
    const total = totalPath === undefined ? undefined : valueAt(first.data, totalPath);
    const connection = plan.paging === null ? undefined : (valueAt(first.data, plan.paging.connectionPath) as Record<string, unknown> | null | undefined);
    const expected = plan.paging === null ? firstRows.length + (total === undefined ? 0 : 1) : (connection?.[TOTAL_ALIAS] as number | undefined);
    const maxRows = config.exports.maxRows;
    if (expected !== undefined && expected > maxRows) {
      throw new ExportError(ExportErrorCode.TOO_MANY_ROWS, { limit: maxRows, found: expected });
    }

    // From here on the file is being sent: a failure can only cut it short.
    const generatedAt = new Date();
    const writer = exportWriter(request.format, res);
    // The client went away (before the first page was in hand, too): no further page is read.
    let closedEarly = false;
    res.on('close', () => {
      if (!res.writableFinished) closedEarly = true;
    });
    const gone = () => closedEarly || res.destroyed;
    res.status(200);
    res.setHeader('content-type', writer.contentType);
    res.setHeader('content-disposition', `attachment; filename="${fileName(request.fileName, generatedAt, config.companyTimeZone, request.format)}"`);
    res.setHeader('cache-control', 'no-store');
    const headers = plan.columns.map((column) => request.labels?.[column.key]?.[language] ?? column.key);
    await writer.start({
      title: request.title,
      language,
      generatedAt,
      timeZone: config.companyTimeZone,
      filters: appliedVariables(schema, plan.operation, request.variables),
      headers,
      columns: plan.columns,
    });

    let written = 0;
    let pages = 1;
    let truncatedAt: number | null = null;
    const writeRows = async (rows: readonly unknown[]) => {
      const room = maxRows - written;
      if (rows.length > room) truncatedAt = maxRows;
      const page = rows.slice(0, Math.max(0, room));
      await writer.write(page.map((row) => cellsOf(row, plan.columns)));
      written += page.length;
    };
    try {
      await writeRows(firstRows);
      let pageInfo = connection?.[PAGE_ALIAS] as { hasNextPage: boolean; endCursor: string | null } | undefined;
      while (pageInfo?.hasNextPage === true && pageInfo.endCursor !== null && truncatedAt === null && !gone()) {
        if (written >= maxRows) {
          truncatedAt = maxRows;
          break;
        }
        const next = await execute(plan.nextPages, pageVariables(pageInfo.endCursor), request.operationName, contextOf(orm.em.fork()));
        pages += 1;
        const failed = sortErrors(next.errors, plan, totalPath, refused);
        if (failed.length > 0 || next.data === null || next.data === undefined) {
          scope.log.error({ errors: failed, page: pages }, 'export failed after it started');
          writer.abort();
          return;
        }
        if (gone()) break;
        await writeRows((valueAt(next.data, plan.rowsPath) as unknown[] | null | undefined) ?? []);
        pageInfo = (valueAt(next.data, plan.paging!.connectionPath) as Record<string, unknown> | null)?.[PAGE_ALIAS] as typeof pageInfo;
      }
      if (gone()) {
        writer.abort();
      } else {
        if (total !== null && total !== undefined && truncatedAt === null) {
          const cells = cellsOf(total, plan.columns);
          if (cells.length > 0 && cells[0] === null) cells[0] = TOTAL_LABEL[language];
          await writer.write([cells]);
          written += 1;
        }
        await writer.finish({ rows: written, refused, truncatedAt });
      }
    } catch (error) {
      scope.log.error({ err: error, page: pages }, 'export failed after it started');
      writer.abort();
      return;
    }
    scope.log.info({ userId: viewer.userId, apiKeyId: viewer.apiKeyId, format: request.format, rows: written, pages, aborted: gone(), durationMs: Date.now() - started }, 'export');
  };

  /** Runs `make` in the request's scope; a refusal before the file starts is JSON with its code, as on `/graphql`. */
  const handle =
    (make: (req: Request, scope: RequestScope) => ExportRequest): RequestHandler =>
    async (req, res) => {
      const scope = currentRequestScope()!;
      try {
        // Who asks comes first: without a viewer nothing about the query is told.
        const em = orm.em.fork();
        const viewer = await deps.viewerOf(em, req);
        if (viewer === null) throw new AppError(ErrorCode.UNAUTHENTICATED, new UnauthenticatedError().localized, { http: { status: 401 } });
        await run(req, res, scope, { em, viewer }, make(req, scope));
      } catch (thrown) {
        if (res.headersSent) {
          scope.log.error({ err: thrown }, 'export failed after it started');
          res.destroy();
          return;
        }
        const errors = (Array.isArray(thrown) ? thrown : [thrown]).map((error) =>
          formatGraphQLError(error instanceof GraphQLError ? error : new GraphQLError('unexpected', { originalError: error as Error }), scope),
        );
        sendErrors(res, errors);
      }
    };

  const formatOf = (value: unknown): ExportFormat => {
    if (typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
    throw new ExportError(ExportErrorCode.UNSUPPORTED_FORMAT, { field: 'format' });
  };

  router.options(['/', '/:file'], exportCors);
  router.post(
    '/',
    exportCors,
    utf8Only(),
    express.json({ limit: MAX_BODY }),
    withRequestScope(log),
    handle((req) => {
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ExportError(ExportErrorCode.BAD_EXPORT_REQUEST);
      const { query, variables, operationName, format, rows } = body as Record<string, unknown>;
      const optionalText = (value: unknown) => value === undefined || value === null || typeof value === 'string';
      if (typeof query !== 'string' || !optionalText(operationName) || !optionalText(rows) || !(variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables)))) {
        throw new ExportError(ExportErrorCode.BAD_EXPORT_REQUEST);
      }
      const exportFormat = formatOf(format);
      const document = parsed(query);
      const name = (operationName as string | null | undefined) ?? undefined;
      const operation = operationOf(document, name);
      const title = operation.name?.value ?? 'export';
      return {
        title,
        fileName: title,
        document,
        variables: (variables as Record<string, unknown> | null | undefined) ?? {},
        operationName: name,
        format: exportFormat,
        rows: (rows as string | null | undefined) ?? undefined,
      };
    }),
  );
  router.get(
    '/:file',
    exportCors,
    withRequestScope(log),
    handle((req, scope) => {
      const match = /^([^.]+)\.([^.]+)$/.exec(String(req.params.file));
      const report = match === null || !Object.hasOwn(EXPORT_REPORTS, match[1]) ? undefined : EXPORT_REPORTS[match[1]];
      if (match === null || report === undefined) throw new ExportError(ExportErrorCode.UNKNOWN_REPORT);
      const format = formatOf(match[2]);
      const document = parsed(report.query);
      const operation = operationOf(document, undefined);
      return {
        title: report.title[scope.language],
        fileName: match[1],
        document,
        variables: variablesFromQuery(schema, operation, req.query as Record<string, unknown>),
        format,
        rows: report.rows,
        total: report.total,
        labels: report.labels,
      };
    }),
  );
  router.all('/', exportCors, methodNotAllowed(['POST']));
  router.all('/:file', exportCors, methodNotAllowed(['GET']));
  return router;
}
