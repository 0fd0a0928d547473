import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** A year, as HSTS preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * helmet's headers on every response. The API answers JSON only, so its Content-Security-Policy allows nothing to
 * load and no page to frame it; the GraphiQL page sets its own (see `graphiqlPage`). HSTS only in production, where
 * the API is served over TLS: sent over plain HTTP in development it would pin localhost to HTTPS in the browser.
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    strictTransportSecurity: options.production ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
