import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../context';

/** One structured log line per GraphQL operation: name, viewer, duration and error codes. */
export function requestLog(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, contextValue, errors }) {
          log.info(
            {
              operation: operationName ?? null,
              userId: contextValue?.viewer?.userId ?? null,
              apiKeyId: contextValue?.viewer?.apiKeyId ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              errors: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
