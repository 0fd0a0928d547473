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

/**
 * The admin UI's headers (Keystone's Next.js app): the same framing, sniffing and referrer rules, and a policy that
 * lets its pages load only from the admin itself. Next.js puts its page data and start-up in inline scripts and its
 * components style inline, so both are allowed inline; nothing may come from another origin, and no page may frame it.
 */
export function adminSecurityHeaders(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        // data: for the empty stylesheet that stands where Keystone links Google Fonts (admin/build-files.ts).
        styleSrc: ["'self'", "'unsafe-inline'", 'data:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.production ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}
