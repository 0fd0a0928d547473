import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { BadRequestError, ErrorCode, RETRY_AFTER_SECONDS } from '../errors';
import { msg } from '../i18n';

/**
 * What Apollo's HTTP pipeline needs beyond its defaults:
 * - a subscription sent over HTTP is refused with 400 before it runs (Apollo would run it as a query and answer
 *   with a non-null violation); subscriptions are served over WebSocket on the same path;
 * - a response that met a database outage is a 503 with `Retry-After`, so clients and proxies retry it.
 */
export function operationRules(graphqlPath: string): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new BadRequestError(msg('Subscriptions are served over WebSocket (protocol graphql-transport-ws) at {{path}}, not over HTTP.', { path: graphqlPath }));
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const unavailable = response.body.singleResult.errors?.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
          if (unavailable !== true) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
