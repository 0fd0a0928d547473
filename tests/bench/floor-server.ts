/**
 * The floor server: bare Node `http` and `pg`, no GraphQL, no ORM, no permission engine. Each route runs one
 * hand-written statement that builds the whole JSON response in PostgreSQL (`json_agg`, `json_build_object`) and
 * sends its text as it comes. It runs as a child process of the runner (tests/bench/floors.bench.ts), which passes
 * the routes as JSON in BENCH_FLOOR_ROUTES: `{ "/key": { "sql": "…", "params": [...] } }`.
 *
 * Statements are named, so each connection prepares its statement once and PostgreSQL plans it cheaply: the floor
 * is the best a hand-written server does, not a slower one.
 */
import http from 'node:http';
import pg from 'pg';
import { serveAsChild } from './bench-process';

/** One route: the statement (its only column is the response body) and its parameters. */
export interface FloorRoute {
  sql: string;
  params: unknown[];
}

function main(): void {
  const url = process.env.BENCH_FLOOR_DATABASE_URL;
  const routes = JSON.parse(process.env.BENCH_FLOOR_ROUTES ?? '{}') as Record<string, FloorRoute>;
  if (url === undefined) throw new Error('BENCH_FLOOR_DATABASE_URL is set by the runner');
  // As many connections as the API's pool by default, so neither side gets more of PostgreSQL.
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_POOL_MAX || 10) });
  const names = new Map(Object.keys(routes).map((route, index) => [route, `floor_${index}`]));
  const server = http.createServer((request, response) => {
    const route = routes[request.url ?? ''];
    // The body is not read: the route fixes statement and parameters. Drain it so keep-alive goes on.
    request.resume();
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such floor');
      return;
    }
    pool.query<{ body: string }>({ name: names.get(request.url as string), text: route.sql, values: route.params }).then(
      ({ rows }) => {
        const body = rows[0]?.body ?? '{"data":null}';
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    serveAsChild(typeof address === 'object' && address !== null ? address.port : 0, async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await pool.end();
    });
  });
}

main();
