import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../context';
import { currentRequestScope } from './request-id';

/** One structured log line per GraphQL operation: request id, name, viewer, duration and the codes of its errors. */
export function requestLog(log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, contextValue, response }) {
          // The codes as the client received them (after formatError), so an outage reads SERVICE_UNAVAILABLE.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          (currentRequestScope()?.log ?? log).info(
            {
              operation: operationName ?? null,
              userId: contextValue?.viewer?.userId ?? null,
              apiKeyId: contextValue?.viewer?.apiKeyId ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              errors: errors?.map((error) => error.extensions?.code),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
