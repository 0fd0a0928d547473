import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationContext } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { bearerTokenExpiry } from './auth/access-tokens';
import { authenticate, type Credentials } from './auth/authenticate';
import { SessionWatch, WS_FORBIDDEN, WS_UNAUTHENTICATED } from './auth/session-watch';
import type { AppConfig } from './config';
import { createRequestContext, type RequestContext } from './context';
import { pendingMigrations } from './database/orm';
import { AppError, ErrorCode, QueryLimit, QueryLimitError, ServiceUnavailableError } from './errors';
import { EventBus } from './events/event-bus';
import { EventDispatcher } from './events/event-dispatcher';
import { WebhookWorker } from './events/webhook-worker';
import { attachNotificationBus, NotificationBus } from './notifications/notification-bus';
import { NotificationFeed } from './notifications/notification-feed';
import { NotificationListener } from './notifications/notification-listener';
import { NotificationMailer } from './notifications/notification-mailer';
import { isDatabaseUnavailable } from './database/database-unavailable';
import { createErrorFormatter, formatGraphQLError } from './format-error';
import { EXPORT_PATH, exportRoutes } from './http/export';
import { DASHBOARD_PATH, dashboardSite } from './http/dashboard';
import { graphiqlPage } from './http/graphiql';
import { operationRules } from './http/operation-rules';
import { createRequestScope, currentRequestScope, newRequestId, REQUEST_ID_HEADER, requestId, withRequestScope, type RequestScope } from './http/request-id';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { finalErrorHandler, MAX_BODY, methodNotAllowed, notFound, operationsShape, utf8Only } from './http/transport-errors';
import { languageFromHeader, type Language } from './i18n';
import type { Viewer } from './permissions/viewer';
import { buildAppSchema } from './schema';
import { inputErrorPaths } from './validation';

export const GRAPHQL_PATH = '/graphql';

/** WebSocket close codes for a connection whose credentials don't check out, or whose partner may not work. */
export { WS_FORBIDDEN, WS_UNAUTHENTICATED };
/** RFC 6455's "try again later": the database is unreachable while the connection is being accepted. */
export const WS_TRY_AGAIN_LATER = 1013;
/** RFC 6455's "internal error". */
export const WS_INTERNAL_ERROR = 1011;

export interface AppServer {
  httpServer: Server;
  schema: GraphQLSchema;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reports a graphql-armor refusal as our own QueryLimitError (code QUERY_LIMIT_EXCEEDED, the limit in `reason`)
 * instead of armor's "Syntax Error: …", which reads as if the query were malformed.
 */
function reportLimit(limit: QueryLimit, max: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message);
    const refusal = new QueryLimitError(limit, max, found === null ? undefined : Number(found[1]));
    if (context === null) throw refusal;
    context.reportError(refusal);
  };
}

function armorFor(config: AppConfig) {
  const limits = config.limits;
  const refuse = (limit: QueryLimit, max: number) => ({ propagateOnRejection: false, onReject: [reportLimit(limit, max)] });
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...refuse(QueryLimit.MAX_DEPTH, limits.maxDepth) },
    costLimit: { maxCost: limits.maxCost, ...refuse(QueryLimit.MAX_COST, limits.maxCost) },
    maxAliases: { n: limits.maxAliases, ...refuse(QueryLimit.MAX_ALIASES, limits.maxAliases) },
    maxDirectives: { n: limits.maxDirectives, ...refuse(QueryLimit.MAX_DIRECTIVES, limits.maxDirectives) },
    // Its Apollo plugin turns every syntax error into a 500; graphql's own parser limit (parseOptions) is used instead.
    maxTokens: { enabled: false },
    // Suggestions ("did you mean …") help developers but map the schema for attackers.
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}

/** Parse and validation errors over WebSocket get the codes Apollo gives them over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
}

/** State of one WebSocket connection: its viewer, and a request id and logger per running operation. */
type SocketState = {
  viewer: Viewer | null;
  /** What the connection signed in with, checked again for every operation. */
  credentials: Credentials;
  operations: Map<string, RequestScope>;
  /** Its error messages' language: `connectionParams.language`, else the upgrade request's `Accept-Language`. */
  language: Language;
};

/**
 * The HTTP and WebSocket server: GraphQL over HTTP (Apollo Server 5 on express 5) and over `graphql-transport-ws`
 * on the same path, health endpoints, and GraphiQL in development.
 */
export async function createAppServer(orm: MikroORM, config: AppConfig, log: Logger): Promise<AppServer> {
  const eventBus = new EventBus();
  const schema = await buildAppSchema(eventBus);
  const notificationBus = new NotificationBus();
  attachNotificationBus(schema, notificationBus);
  const development = config.env === 'development';
  const armor = armorFor(config);
  const app = express();
  const httpServer = createHttpServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });

  app.set('trust proxy', config.trustProxy);
  // The client address sign-in throttling counts by, the same for WebSocket upgrades as express's req.ip.
  const clientAddress = (request: IncomingMessage): string | null => {
    try {
      return proxyAddr(request, app.get('trust proxy fn') as (address: string, hop: number) => boolean);
    } catch {
      return request.socket.remoteAddress ?? null;
    }
  };
  const sessionWatch = new SessionWatch(orm, config.signIn.sessionCheckSeconds * 1000, log);

  const validationRules = [...specifiedRules, ...armor.validationRules];
  const operationScope = (extra: Partial<SocketState>, id: string): RequestScope => {
    extra.operations ??= new Map();
    let scope = extra.operations.get(id);
    if (scope === undefined) {
      scope = createRequestScope(log, newRequestId(), extra.language);
      extra.operations.set(id, scope);
    }
    return scope;
  };
  const wsCleanup = useServer<Record<string, unknown> | undefined, SocketState>(
    {
      schema,
      onSubscribe: async (ctx, id, payload) => {
        const scope = operationScope(ctx.extra, id);
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: config.limits.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : new GraphQLError('Unparsable query', { originalError: error as Error })];
        }
        const errors = validate(schema, document, validationRules);
        if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        // Every operation checks the connection's credentials again: a revoked session or a suspended distributor
        // stops it even before the session watch closes the socket.
        try {
          ctx.extra.viewer = await authenticate(orm.em.fork(), config, ctx.extra.credentials ?? {});
        } catch (error) {
          if (error instanceof AppError) return [error];
          throw error;
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createRequestContext(orm.em.fork(), config, scope.log, ctx.extra.viewer ?? null, clientAddress(ctx.extra.request)),
        };
      },
      // Results and errors of WebSocket operations are shaped like Apollo's over HTTP, by the same formatter.
      onNext: (ctx, id, _payload, _args, result) => {
        if (result.errors === undefined) return undefined;
        const scope = operationScope(ctx.extra, id);
        return { ...result, errors: result.errors.map((error) => formatGraphQLError(error, scope)) };
      },
      onError: (ctx, id, _payload, errors) => {
        const scope = operationScope(ctx.extra, id);
        return errors.map((error) => formatGraphQLError(error, scope));
      },
      onComplete: (ctx, id) => {
        ctx.extra.operations?.delete(id);
      },
      // A connection is accepted only with valid credentials: refused at connection_init (4401), not at the first event.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credentials: Credentials = {
          authorization: typeof params.authorization === 'string' ? params.authorization : null,
          apiKey: typeof params.apiKey === 'string' ? params.apiKey : null,
        };
        ctx.extra.credentials = credentials;
        ctx.extra.language = languageFromHeader(typeof params.language === 'string' ? params.language : ctx.extra.request.headers['accept-language']);
        const scope = createRequestScope(log, newRequestId(), ctx.extra.language);
        const socket = ctx.extra.socket;
        try {
          const viewer = await authenticate(orm.em.fork(), config, credentials);
          if (viewer === null) {
            socket.close(WS_UNAUTHENTICATED, 'Unauthenticated: send connectionParams.authorization or apiKey');
            return false;
          }
          ctx.extra.viewer = viewer;
          closeWhenTokenExpires(socket, bearerTokenExpiry(credentials.authorization));
          sessionWatch.track(socket, viewer);
          return true;
        } catch (error) {
          if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) {
            socket.close(WS_UNAUTHENTICATED, 'Unauthenticated');
          } else if (error instanceof AppError && error.code === ErrorCode.FORBIDDEN) {
            // A partner whose distributor stopped trading: the reason says so.
            socket.close(WS_FORBIDDEN, String(error.extensions.reason ?? 'Forbidden'));
          } else if (isDatabaseUnavailable(error)) {
            scope.log.error({ err: error }, 'database unavailable');
            socket.close(WS_TRY_AGAIN_LATER, 'Service unavailable: try again later');
          } else {
            scope.log.error({ err: error }, 'unexpected error');
            socket.close(WS_INTERNAL_ERROR, `Internal server error (request ${scope.requestId})`);
          }
          return false;
        }
      },
    },
    wsServer,
  );

  // Committed deal events reach this process's subscriptions through its own dispatcher.
  // Webhooks go out from every process; the database decides which process sends which delivery.
  const webhooks = config.webhooks.deliver ? new WebhookWorker(orm, config, log) : undefined;
  await webhooks?.start();
  const dispatcher = new EventDispatcher(orm, eventBus, log, () => void webhooks?.wake());
  // Notifications: pushed to this process's subscribers whoever made them, made at once from approval events,
  // e-mailed by every process that delivers mail.
  const notificationListener = new NotificationListener(orm.config.get('clientUrl'), notificationBus, log);
  // Every long-lived connection of this process: /readyz names the ones that are down.
  const components = () => [dispatcher.health(), notificationListener.health(), ...(webhooks === undefined ? [] : [webhooks.health()])];
  await dispatcher.start();
  sessionWatch.start();
  await notificationListener.start();
  const notificationFeed = new NotificationFeed(orm, eventBus, { timeZone: config.companyTimeZone, leadUnworkedDays: config.notifications.leadUnworkedDays }, log);
  notificationFeed.start();
  const mailer = config.notifications.deliverMail ? new NotificationMailer(orm, config.notifications, log) : undefined;
  mailer?.start();

  const drainWebSockets: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await wsCleanup.dispose();
        },
      };
    },
  };

  // Every response is the viewer's own and the schema sets no cache hints, so the answer is always no-store. Apollo's
  // cache-control plugin would work that out field by field, wrapping every resolver (a third of the time of a
  // 6,000-row receivables report, tests/bench/README.md); the header is set once per response instead.
  const noStore: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    plugins: [
      ...armor.plugins,
      requestLog(log),
      operationRules(GRAPHQL_PATH),
      inputErrorPaths(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      drainWebSockets,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStore,
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.limits.maxTokens },
    allowBatchedHttpRequests: true,
    introspection: config.env !== 'production',
    // In no environment does a stack trace reach a client: the log has it, under the request id.
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(log),
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use(requestId());
  app.use(securityHeaders({ production: config.env === 'production' }));
  // Brotli or gzip for every response over 1 KB the client accepts so: GraphiQL's assets, large query results.
  app.use(compression());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready means every part can do its work: the database answers, its schema is current, and the event listener
  // and the webhook worker are connected (while they reconnect, events wait in the outbox, and this says so).
  app.get('/readyz', async (_req, res) => {
    const down = components().filter((component) => !component.up);
    try {
      await orm.em.fork().getConnection().execute('select 1');
      const pending = await pendingMigrations(orm);
      if (pending > 0) {
        res.status(503).json({ status: 'migrations pending', pendingMigrations: pending, down });
        return;
      }
    } catch (error) {
      log.debug({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable', down });
      return;
    }
    if (down.length > 0) {
      res.status(503).json({ status: `not ready: ${down.map((component) => component.name).join(', ')} down`, down });
      return;
    }
    res.json({ status: 'ready' });
  });

  // The viewer of an HTTP request (GraphQL and exports alike), from its bearer token or API key.
  const viewerOf = async (em: EntityManager, req: express.Request): Promise<Viewer | null> => {
    try {
      return await authenticate(em, config, {
        authorization: headerValue(req.headers.authorization),
        apiKey: headerValue(req.headers['x-api-key']),
      });
    } catch (error) {
      // Nothing ran, so the whole request failed: say so with 401 (or 503) as well as the code.
      if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, error.localized, { http: { status: 401 } });
      }
      if (isDatabaseUnavailable(error)) throw new ServiceUnavailableError(error);
      throw error;
    }
  };

  // A browser client may read the request id (to quote it) and Retry-After (to wait) only when they are exposed.
  const graphqlCors = cors({ origin: config.corsOrigins, credentials: false, maxAge: 600, exposedHeaders: [REQUEST_ID_HEADER, 'retry-after'] });
  const graphql = [
    graphqlCors,
    utf8Only(),
    express.json({ limit: MAX_BODY }),
    operationsShape(config.limits.maxBatchSize),
    withRequestScope(log),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const viewer = await viewerOf(em, req);
        return createRequestContext(em, config, currentRequestScope()?.log ?? log, viewer, req.ip ?? null);
      },
    }),
  ];
  app.options(GRAPHQL_PATH, graphqlCors);
  if (development) app.use(GRAPHQL_PATH, graphiqlPage(GRAPHQL_PATH));
  app.get(GRAPHQL_PATH, ...graphql);
  app.post(GRAPHQL_PATH, ...graphql);
  app.all(GRAPHQL_PATH, graphqlCors, methodNotAllowed(['GET', 'POST']));
  app.use(EXPORT_PATH, exportRoutes({ apollo, schema, orm, config, log, validationRules, viewerOf }));
  // The managers' dashboard: a page on the public schema, in every environment.
  app.use(DASHBOARD_PATH, dashboardSite());
  app.use(notFound(GRAPHQL_PATH));
  app.use(finalErrorHandler(log));

  return {
    httpServer,
    schema,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address !== null ? address.port : port);
        });
      }),
    close: async () => {
      await sessionWatch.stop();
      await notificationFeed.stop();
      await dispatcher.stop();
      await notificationListener.stop();
      await mailer?.stop();
      await webhooks?.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/**
 * A subscription outlives its token otherwise: when the token expires the socket closes with 4401 and says why, and
 * the client signs in again and resubscribes (resuming with `events(after)`).
 */
function closeWhenTokenExpires(socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, expiresAt: Date | null): void {
  if (expiresAt === null) return;
  const timer = setTimeout(() => socket.close(WS_UNAUTHENTICATED, 'Token expired'), Math.max(0, expiresAt.getTime() - Date.now()));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
