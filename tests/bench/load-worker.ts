import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** What the runner asks of the load generator. */
export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationMs: number;
}

/**
 * What it reports: every answered request's latency in ms, in completion order; the first wrong answer if any; and
 * the requests that got no answer at all (the connection failed), with the first such error.
 */
export interface LoadResult {
  latencies: Float64Array;
  elapsedMs: number;
  failures: number;
  firstFailure: string | null;
  connectionErrors: number;
  firstConnectionError: string | null;
}

function post(agent: http.Agent, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = http.request(
      request.url,
      { method: 'POST', agent, headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(request.body);
  });
}

/** Why a response does not count as a success, or null when it does. */
function failureOf(status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 500)}`;
  const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown[] };
  if (parsed.errors !== undefined && parsed.errors.length > 0) return `GraphQL errors: ${JSON.stringify(parsed.errors).slice(0, 1000)}`;
  if (parsed.data === null || parsed.data === undefined) return `no data: ${body.slice(0, 500)}`;
  return null;
}

/**
 * `connections` clients, each sending the next request as soon as the previous answered (a closed loop), for
 * `durationMs`. Runs in a worker thread, so sending and timing requests does not take turns on the server's event
 * loop. The first wrong answer (an HTTP error, GraphQL errors) stops every client: a benchmark of error responses
 * would measure nothing. A request the server dropped (connection reset) is counted, and its client goes on with a
 * new connection: that is the server failing under the load, which the benchmark reports.
 */
async function run(request: LoadRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.connections });
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let connectionErrors = 0;
  let firstConnectionError: string | null = null;
  const started = performance.now();
  const end = started + request.durationMs;
  const client = async () => {
    while (firstFailure === null && performance.now() < end) {
      const sent = performance.now();
      let failure: string | null;
      try {
        const response = await post(agent, request);
        failure = failureOf(response.status, response.body);
      } catch (error) {
        connectionErrors += 1;
        firstConnectionError ??= `request failed: ${(error as Error).message}`;
        continue;
      }
      if (failure !== null) {
        failures += 1;
        firstFailure ??= failure;
        return;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: request.connections }, client));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latencies: Float64Array.from(latencies), elapsedMs, failures, firstFailure, connectionErrors, firstConnectionError };
}

if (parentPort !== null) {
  const port = parentPort;
  // A crash reaches the runner as the worker's 'error' event.
  void run(workerData as LoadRequest).then((result) => port.postMessage(result));
}
