import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { MikroORM } from '@mikro-orm/postgresql';
import compression from 'compression';
import cors from 'cors';
import express from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { bearerTokenExpiry } from './auth/access-tokens';
import { authenticate, type Credentials } from './auth/authenticate';
import type { AppConfig } from './config';
import { createRequestContext, type RequestContext } from './context';
import { pendingMigrations } from './database/orm';
import { AppError, ErrorCode } from './errors';
import { createEventBus } from './events/event-bus';
import { EventDispatcher } from './events/event-dispatcher';
import { WebhookWorker } from './events/webhook-worker';
import { createErrorFormatter } from './format-error';
import { batchLimit } from './http/batch-limit';
import { graphiqlPage } from './http/graphiql';
import { requestLog } from './http/request-log';
import type { Viewer } from './permissions/viewer';
import { buildAppSchema } from './schema';

export const GRAPHQL_PATH = '/graphql';

/** WebSocket close code for a connection whose credentials don't check out (graphql-ws leaves 44xx to apps). */
export const WS_UNAUTHENTICATED = 4401;

export interface AppServer {
  httpServer: Server;
  schema: GraphQLSchema;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function armorFor(config: AppConfig) {
  const limits = config.limits;
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Its Apollo plugin turns every syntax error into a 500; graphql's own parser limit (parseOptions) is used instead.
    maxTokens: { enabled: false },
    // Suggestions ("did you mean …") help developers but map the schema for attackers.
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
}

/**
 * The HTTP and WebSocket server: GraphQL over HTTP (Apollo Server 5 on express 5) and over `graphql-transport-ws`
 * on the same path, health endpoints, and GraphiQL in development.
 */
export async function createAppServer(orm: MikroORM, config: AppConfig, log: Logger): Promise<AppServer> {
  const eventBus = createEventBus();
  const schema = await buildAppSchema(eventBus);
  const development = config.env === 'development';
  const armor = armorFor(config);
  const app = express();
  const httpServer = createHttpServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });

  const validationRules = [...specifiedRules, ...armor.validationRules];
  const wsCleanup = useServer<Record<string, unknown> | undefined, { viewer: Viewer | null }>(
    {
      schema,
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: config.limits.maxTokens });
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, validationRules);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: createRequestContext(orm.em.fork(), config, log, ctx.extra.viewer ?? null),
        };
      },
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credentials: Credentials = {
          authorization: typeof params.authorization === 'string' ? params.authorization : null,
          apiKey: typeof params.apiKey === 'string' ? params.apiKey : null,
        };
        try {
          ctx.extra.viewer = await authenticate(orm.em.fork(), config, credentials);
          closeWhenTokenExpires(ctx.extra.socket, bearerTokenExpiry(credentials.authorization));
          return true;
        } catch (error) {
          if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) {
            ctx.extra.socket.close(WS_UNAUTHENTICATED, 'Unauthenticated');
            return false;
          }
          throw error;
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
  await dispatcher.start();

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
    includeStacktraceInErrorResponses: development,
    formatError: createErrorFormatter(log, development),
  });
  await apollo.start();

  app.disable('x-powered-by');
  // Brotli or gzip for every response over 1 KB the client accepts so: GraphiQL's assets, large query results.
  app.use(compression());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      const pending = await pendingMigrations(orm);
      if (pending > 0) {
        res.status(503).json({ status: 'migrations pending', pendingMigrations: pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  if (development) app.use(GRAPHQL_PATH, graphiqlPage(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    cors({ origin: config.corsOrigins, credentials: false, maxAge: 600 }),
    express.json({ limit: '1mb' }),
    batchLimit(config.limits.maxBatchSize),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        try {
          const viewer = await authenticate(em, config, {
            authorization: headerValue(req.headers.authorization),
            apiKey: headerValue(req.headers['x-api-key']),
          });
          return createRequestContext(em, config, log, viewer);
        } catch (error) {
          // Nothing ran, so the whole request failed: say so with 401 as well as the code.
          if (error instanceof AppError && error.code === ErrorCode.UNAUTHENTICATED) {
            throw new AppError(ErrorCode.UNAUTHENTICATED, error.message, { http: { status: 401 } });
          }
          throw error;
        }
      },
    }),
  );

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
      await dispatcher.stop();
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
