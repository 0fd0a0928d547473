import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';

const DEFAULT_QUERY = `# Sign in (here as the demo rep), then put the token in the Headers tab:
# { "Authorization": "Bearer <accessToken>" }
mutation Login {
  login(email: "lei.zhao@huaxin.demo", password: "demo1234") {
    accessToken
    user { name role unit { name } }
  }
}
`;

/** The SHA-256 of each inline `<script>` of the page, in CSP's notation: exactly these scripts may run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * The page's own Content-Security-Policy. Its inline script (the bundle and its start) runs by its hash, nothing
 * else does. The Monaco editor inside adds `<style>` elements and style attributes as it draws, which no hash can
 * name, so styles are allowed inline; it runs its GraphQL language service in a worker made from a blob. Requests
 * and subscriptions go to this server only; no page may frame it.
 */
function pageSecurityPolicy(html: string): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...inlineScriptHashes(html)],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      workerSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  });
}

/**
 * GraphiQL for development, with every asset inlined into the page: it works on a machine without internet access.
 * Rendered once, on the first request.
 */
export function graphiqlPage(endpoint: string, defaultQuery = DEFAULT_QUERY): RequestHandler {
  let page: { html: string; policy: RequestHandler } | undefined;
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
    if (page === undefined) {
      const html = renderGraphiQL({ title: 'SalesGraph GraphiQL', endpoint, defaultQuery, subscriptionsProtocol: 'WS' });
      page = { html, policy: pageSecurityPolicy(html) };
    }
    const { html, policy } = page;
    policy(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      res.type('html').send(html);
    });
  };
}
