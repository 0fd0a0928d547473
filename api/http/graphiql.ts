import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';

const DEFAULT_QUERY = `# Sign in (here as the demo rep), then put the token in the Headers tab:
# { "Authorization": "Bearer <accessToken>" }
mutation Login {
  login(email: "lei.zhao@huaxin.demo", password: "demo1234") {
    accessToken
    user { name role unit { name } }
  }
}
`;

/**
 * GraphiQL for development, with every asset inlined into the page: it works on a machine without internet access.
 * Rendered once, on the first request.
 */
export function graphiqlPage(endpoint: string, defaultQuery = DEFAULT_QUERY): RequestHandler {
  let html: string | undefined;
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
    html ??= renderGraphiQL({ title: 'SalesGraph GraphiQL', endpoint, defaultQuery, subscriptionsProtocol: 'WS' });
    res.type('html').send(html);
  };
}
