import * as bundle from '@graphql-yoga/render-graphiql/graphiql';
import { createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

const DEFAULT_QUERY = `# Sign in (here as the demo rep), then put the token in the Headers tab:
# { "Authorization": "Bearer <accessToken>" }
mutation Login {
  login(email: "lei.zhao@huaxin.demo", password: "demo1234") {
    accessToken
    user { name role unit { name } }
  }
}
`;

/** A year: the assets' names carry a hash of their content, so a changed asset is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  /** `<base>.<content hash>.<ext>`, e.g. `graphiql.3f1c9a0b2d4e.js`. */
  name: string;
  type: string;
  body: Buffer;
}

function asset(base: string, ext: string, type: string, content: string | Buffer): Asset {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { name: `${base}.${hash}.${ext}`, type, body };
}

interface Site {
  page: string;
  assets: Map<string, Asset>;
}

/**
 * GraphQL Yoga's GraphiQL bundle (editor, its three Monaco workers, styles and icon), taken apart into files with
 * content-hashed names. The package renders it as one 9 MB page with everything inline, which the browser could
 * never cache; here the page is 1 KB and the assets are fetched once. All of it is served from here: no CDN.
 */
function buildSite(endpoint: string, defaultQuery: string): Site {
  const base = `${endpoint}/assets`;
  const workers = {
    editorWorkerService: asset('editor.worker', 'js', 'text/javascript', bundle.editorWorkerService),
    json: asset('json.worker', 'js', 'text/javascript', bundle.jsonWorker),
    graphql: asset('graphql.worker', 'js', 'text/javascript', bundle.graphqlWorker),
  };
  const workerUrls = Object.fromEntries(Object.entries(workers).map(([label, worker]) => [label, `${base}/${worker.name}`]));
  // Monaco looks its workers up through MonacoEnvironment, which must exist before the editor bundle runs.
  const environment = asset(
    'graphiql-environment',
    'js',
    'text/javascript',
    `self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => (${JSON.stringify(workerUrls)})[label] };\n`,
  );
  const options = { title: 'SalesGraph GraphiQL', endpoint, defaultQuery, subscriptionsProtocol: 'WS' };
  const start = asset('graphiql-start', 'js', 'text/javascript', `YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${JSON.stringify(options)});\n`);
  const script = asset('graphiql', 'js', 'text/javascript', bundle.js);
  const style = asset('graphiql', 'css', 'text/css', bundle.css);
  const favicon = asset('favicon', 'ico', 'image/x-icon', Buffer.from(bundle.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64'));
  const all = [...Object.values(workers), environment, start, script, style, favicon];
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${options.title}</title>
    <link rel="icon" href="${base}/${favicon.name}" />
    <link rel="stylesheet" href="${base}/${style.name}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${base}/${environment.name}"></script>
    <script src="${base}/${script.name}"></script>
    <script src="${base}/${start.name}"></script>
  </body>
</html>
`;
  return { page, assets: new Map(all.map((a) => [a.name, a])) };
}

/**
 * The page's own Content-Security-Policy (every other response loads nothing): its scripts, styles and the editor's
 * workers come from this server only. The Monaco editor adds `<style>` elements and style attributes as it draws,
 * which no hash can name, so styles are allowed inline. Requests and subscriptions go to this server only; no page
 * may frame it.
 */
const pageSecurityPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
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

/**
 * GraphiQL for development, mounted at the GraphQL endpoint: a browser's GET of `endpoint` gets the page, and
 * `endpoint/assets/<name>.<hash>.<ext>` the files it loads, cached for a year (compression is the server's).
 * No internet needed. Built once, on the first request.
 */
export function graphiqlPage(endpoint: string, defaultQuery = DEFAULT_QUERY): Router {
  let site: Site | undefined;
  const router = Router();
  router.get('/assets/:file', pageSecurityPolicy, (req, res) => {
    site ??= buildSite(endpoint, defaultQuery);
    const found = site.assets.get(String(req.params.file));
    // An old hash (a page from before an upgrade) is gone for good.
    if (found === undefined) res.sendStatus(404);
    else res.set('cache-control', IMMUTABLE).type(found.type).send(found.body);
  });
  router.get('/', (req, res, next) => {
    if (!req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
    const current = (site ??= buildSite(endpoint, defaultQuery));
    pageSecurityPolicy(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      // The page is tiny and names the current assets: revalidate it (ETag) on every visit.
      res.set('cache-control', 'no-cache').type('html').send(current.page);
    });
  });
  return router;
}
