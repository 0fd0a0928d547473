import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

/** Where the API serves the managers' dashboard (dashboard/ in the checkout). */
export const DASHBOARD_PATH = '/dashboard';

/** The checkout: this file runs from api/http/ under jest and from dist/api/http/ when built. */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'dashboard', 'index.html'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('dashboard/index.html not found above ' + __dirname);
  }
}

/**
 * The page's Content-Security-Policy (every other response of the API loads nothing): scripts, styles, fonts and
 * queries from this server only, no inline script or style (the charts draw on canvas, their tooltips too), requests
 * to this server only, and no page may frame it.
 */
const pageSecurityPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

/**
 * The managers' dashboard, a plain web page on the public GraphQL schema: `/dashboard` is the page; its ES modules,
 * stylesheet and query documents (`/dashboard/<name>.js`, `.css`, `/dashboard/queries/<name>.graphql`) come from
 * dashboard/ as they are (no build step), Apache ECharts from its npm package's ES module build and the Chinese
 * font from the one the admin uses: nothing from another origin, so the page works offline. Every file is
 * revalidated (ETag) on each visit, so a new release is picked up at once.
 */
export function dashboardSite(): Router {
  const root = path.join(projectRoot(), 'dashboard');
  const echartsModule = path.join(path.dirname(require.resolve('echarts')), 'echarts.esm.min.mjs');
  const fontDir = path.dirname(require.resolve('@fontsource-variable/noto-sans-sc/index.css'));
  const router = Router();
  router.use(pageSecurityPolicy, (_req, res, next) => {
    res.set('cache-control', 'no-cache');
    next();
  });
  // A file that is not there falls through to the API's 404; a download the client gave up on is nobody's error.
  const send = (file: string, type?: string): RequestHandler => (_req, res, next) => {
    if (type !== undefined) res.type(type);
    res.sendFile(file, { dotfiles: 'deny' }, (error?: Error & { status?: number }) => {
      if (error === undefined || res.headersSent) return;
      next(error.status === 404 ? undefined : error);
    });
  };
  // The page names its files by absolute URL, so /dashboard and /dashboard/ serve it alike.
  router.get('/', send(path.join(root, 'index.html'), 'html'));
  router.get('/vendor/echarts.js', send(echartsModule, 'text/javascript'));
  router.get(/^\/([a-z0-9-]+\.(?:js|css))$/, (req, res, next) => send(path.join(root, String(req.params[0])))(req, res, next));
  router.get(/^\/queries\/([a-z0-9-]+\.graphql)$/, (req, res, next) => send(path.join(root, 'queries', String(req.params[0])), 'text/plain; charset=utf-8')(req, res, next));
  router.get(/^\/fonts\/noto-sans-sc\/(index\.css|files\/[a-z0-9-]+\.woff2)$/, (req, res, next) => send(path.join(fontDir, String(req.params[0])))(req, res, next));
  return router;
}
