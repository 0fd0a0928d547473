import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { openDatabase } from '../../api/database/database';
import { openOrm } from '../../api/database/orm';
import { createLogger } from '../../api/logger';
import { createAppServer } from '../../api/server';
import { benchConfig, describeBenchDatabase } from '../../seeds/bench/bench-database';
import { DEMO_COMPANY } from '../../seeds/demo-company.data';
import { DEMO_PASSWORD } from '../../seeds/demo-company.seeder';

/**
 * Export timings on the bench database (README "Exports"): the east director's receivables aging by customer as
 * JSON from /graphql and as CSV and XLSX from /export, and the VP's contracts (every contract of the bench dataset)
 * as CSV and XLSX, paged 100 at a time (and one such page from /graphql). One client, sequential runs after a
 * warm-up; for each: time to the first byte, total time, size and SQL statements; then one more run for memory (the
 * server runs in this process): the peak of the live heap above its level before the run, collected before each
 * sample, every 250 ms. Samples fall between statements and pages, never inside a synchronous stretch of execution,
 * so what a page holds while it is executed is not seen; what an export keeps from page to page is.
 *
 *   npx tsc -p tests/bench/tsconfig.json && node --expose-gc dist/tests/bench/export.bench.js
 *
 * EXPORT_BENCH_RUNS (default 3) sets the measured runs per scenario.
 */

interface Run {
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  body: Buffer | undefined;
  statements: number;
  peakHeapMb: number;
}

const director = DEMO_COMPANY.regions[0].director;

const vp = DEMO_COMPANY.vp;

function request(port: number, method: string, path: string, headers: Record<string, string>, payload?: string, keep = false): Promise<Omit<Run, 'statements' | 'peakHeapMb'>> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - started) / 1e6;
    const chunks: Buffer[] = [];
    const call = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }) } }, (res) => {
      let firstByteMs = -1;
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = ms();
        bytes += chunk.length;
        if (keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, firstByteMs, totalMs: ms(), bytes, body: keep ? Buffer.concat(chunks) : undefined }));
      res.on('error', reject);
    });
    call.on('error', reject);
    call.end(payload);
  });
}

async function main(): Promise<void> {
  const runs = Number(process.env.EXPORT_BENCH_RUNS ?? 3);
  if (!(runs >= 1)) throw new Error('EXPORT_BENCH_RUNS must be at least 1');
  const config = benchConfig(process.env, { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn', WEBHOOK_DELIVERY: 'false', MAIL_DELIVERY: 'false' });
  const log = createLogger('warn');
  console.log(`bench database: ${describeBenchDatabase(config)}`);
  const database = await openDatabase(config, log);
  let statements = 0;
  const orm = await openOrm(database.url, { onQuery: () => (statements += 1) });
  const server = await createAppServer(orm, config, log);
  const port = await server.listen(0, '127.0.0.1');
  const gc = (globalThis as { gc?: () => void }).gc;
  try {
    const signIn = async (email: string) => {
      const query = JSON.stringify({ query: `mutation { login(email: "${email}", password: "${DEMO_PASSWORD}") { accessToken } }` });
      const answer = await request(port, 'POST', '/graphql', {}, query, true);
      return JSON.parse(answer.body!.toString()).data.login.accessToken as string;
    };
    const tokens = { director: await signIn(director.email), vp: await signIn(vp.email) };
    const aging = 'query { receivablesAging(groupBy: CUSTOMER) { asOf rows { groupId groupName days0To30 days31To60 days61To90 over90 total overdue invoiceCount } grandTotal { total } } }';
    const contracts = 'query VpContracts { contracts(first: 100) { nodes { number status amount startDate endDate customer { name } owner { name } } } }';
    const page = 'query VpContractsPage { contracts(first: 100) { nodes { number status amount startDate endDate customer { name } owner { name } } } }';
    const scenarios: { name: string; send: () => Promise<Omit<Run, 'statements' | 'peakHeapMb'>> }[] = [
      { name: 'director’s aging by customer, JSON from /graphql', send: () => request(port, 'POST', '/graphql', { authorization: `Bearer ${tokens.director}` }, JSON.stringify({ query: aging }), true) },
      { name: 'director’s aging by customer, CSV (GET /export/receivablesAging.csv)', send: () => request(port, 'GET', '/export/receivablesAging.csv?groupBy=CUSTOMER', { authorization: `Bearer ${tokens.director}` }, undefined, true) },
      { name: 'director’s aging by customer, XLSX', send: () => request(port, 'GET', '/export/receivablesAging.xlsx?groupBy=CUSTOMER', { authorization: `Bearer ${tokens.director}` }) },
      { name: 'VP’s contracts, one page of 100, JSON from /graphql', send: () => request(port, 'POST', '/graphql', { authorization: `Bearer ${tokens.vp}` }, JSON.stringify({ query: page }), true) },
      { name: 'VP’s contracts, CSV (POST /export, 100 a page)', send: () => request(port, 'POST', '/export', { authorization: `Bearer ${tokens.vp}` }, JSON.stringify({ query: contracts, format: 'csv' }), true) },
      { name: 'VP’s contracts, XLSX', send: () => request(port, 'POST', '/export', { authorization: `Bearer ${tokens.vp}` }, JSON.stringify({ query: contracts, format: 'xlsx' })) },
    ];
    const table: string[] = [];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    for (const scenario of scenarios) {
      await scenario.send(); // warm-up
      const measured: Run[] = [];
      for (let i = 0; i < runs; i += 1) {
        const before = statements;
        const run = await scenario.send();
        if (run.status !== 200) throw new Error(`${scenario.name}: status ${run.status} ${run.body?.toString().slice(0, 500)}`);
        measured.push({ ...run, statements: statements - before, peakHeapMb: 0 });
      }
      // One more run for memory: the live heap, collected before each sample (--expose-gc), so garbage not yet
      // collected does not count; apart from the timed runs, which the collections would slow.
      let peakHeapMb = Number.NaN;
      if (gc !== undefined) {
        gc();
        const base = process.memoryUsage().heapUsed;
        let peak = base;
        const sampler = setInterval(() => {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }, 250);
        await scenario.send();
        clearInterval(sampler);
        peakHeapMb = (peak - base) / 2 ** 20;
      }
      const body = measured[0].body?.toString('utf8');
      const rows = body === undefined ? '' : (/\r\nRows,(\d+)\r\n/.exec(body)?.[1] ?? String(JSON.parse(body).data?.receivablesAging?.rows?.length ?? JSON.parse(body).data?.contracts?.nodes?.length ?? ''));
      const line = `| ${scenario.name} | ${rows} | ${median(measured.map((r) => r.firstByteMs)).toFixed(0)} ms | ${median(measured.map((r) => r.totalMs)).toFixed(0)} ms | ${(median(measured.map((r) => r.bytes)) / 2 ** 20).toFixed(2)} MB | ${median(measured.map((r) => r.statements))} | ${peakHeapMb.toFixed(1)} MB |`;
      console.log(line);
      table.push(line);
    }
    console.log(`\n| scenario (${runs} runs, median) | rows | first byte | total | size | statements | peak live heap above start |\n|---|---|---|---|---|---|---|\n${table.join('\n')}`);
  } finally {
    await server.close();
    await orm.close(true);
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
