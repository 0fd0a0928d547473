import 'reflect-metadata';
import { seedDemoCompanyIfEmpty } from '../../seeds/demo-company.seeder';
import { seedDemoOrdersIfEmpty } from '../../seeds/demo-orders.seeder';
import { seedDemoAppraisalsIfEmpty } from '../../seeds/demo-appraisals.seeder';
import { seedDemoForecastsIfEmpty } from '../../seeds/demo-forecasts.seeder';
import { seedDemoFollowUpIfEmpty } from '../../seeds/demo-follow-up.seeder';
import { seedDemoPerformanceIfEmpty } from '../../seeds/demo-performance.seeder';
import { seedDemoReportsIfEmpty } from '../../seeds/demo-reports.seeder';
import { seedDemoExpensesIfEmpty } from '../../seeds/demo-expenses.seeder';
import { seedDemoSalesIfEmpty } from '../../seeds/demo-sales.seeder';
import { seedDemoAnalyticsIfEmpty } from '../../seeds/demo-analytics.seeder';
import { seedDemoNotificationsIfEmpty } from '../../seeds/demo-notifications.seeder';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';
import { createLogger } from '../logger';

/**
 * `npm run seed`: migrations, then the demo company if the database has no users yet, then its sales data, then its
 * contracts, orders and payments, then its 2026 (a year of orders, payments and visits, and the targets).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('warn'));
  try {
    console.log((await seedDemoCompanyIfEmpty(database.orm)) ? 'demo company seeded' : 'demo company already there: left as it is');
    console.log((await seedDemoSalesIfEmpty(database.orm, config)) ? 'demo sales data seeded' : 'sales data already there: left as it is');
    console.log((await seedDemoOrdersIfEmpty(database.orm, config)) ? 'demo contracts, orders and payments seeded' : 'orders already there: left as it is');
    console.log((await seedDemoPerformanceIfEmpty(database.orm, config)) ? 'demo year (2026 actuals and targets) seeded' : 'targets already there: left as it is');
    console.log((await seedDemoAppraisalsIfEmpty(database.orm, config)) ? 'demo scorecards and appraisals seeded' : 'scorecards already there: left as it is');
    console.log((await seedDemoForecastsIfEmpty(database.orm, config)) ? 'demo forecasts seeded' : 'forecasts already there: left as it is');
    console.log((await seedDemoReportsIfEmpty(database.orm, config)) ? 'demo work reports and meetings seeded' : 'work reports already there: left as it is');
    console.log((await seedDemoExpensesIfEmpty(database.orm, config)) ? 'demo budgets and expense claims seeded' : 'budgets already there: left as it is');
    console.log((await seedDemoFollowUpIfEmpty(database.orm, config)) ? 'demo follow-ups, visit plans and check-ins seeded' : 'visit plans already there: left as it is');
    console.log((await seedDemoAnalyticsIfEmpty(database.orm, config)) ? 'demo frame contracts, renewals and the distributor’s year seeded' : 'frame contracts already there: left as it is');
    console.log((await seedDemoNotificationsIfEmpty(database.orm, config)) ? 'demo notifications seeded' : 'notifications already there: left as it is');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
