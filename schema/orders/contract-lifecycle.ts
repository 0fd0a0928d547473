import type { EntityManager, MikroORM, QueryResult } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { everyHour } from '../../api/every-hour';
import { ContractStatus, RENEWABLE_CONTRACT_STATUSES } from './orders.enums';

export interface ContractLifecycleOptions {
  /** Contracts ending within this many days are due for renewal (RENEWAL_WINDOW_DAYS). */
  renewalWindowDays: number;
}

/** What one run changed. */
export interface ContractLifecycleRun {
  activated: number;
  expired: number;
  renewalAlerts: number;
}

/**
 * Moves contracts along the calendar (the database's `current_date`): signed ones whose start date has come become
 * ACTIVE, active ones past their end date EXPIRED; then every signed or active contract ending within the renewal
 * window gets its renewal alert (the trigger on contract_renewal_alert writes `contract.renewalDue`). Each step is
 * one conditional statement in its own transaction, so runs may overlap, in one process or several: a contract
 * changes status once, and the alert's unique key (contract, window, end date) lets only the first insert through.
 * Running it again changes nothing; a contract whose end date moves is alerted again for the new date.
 */
export async function runContractLifecycle(em: EntityManager, options: ContractLifecycleOptions): Promise<ContractLifecycleRun> {
  const activated = await em.transactional((tx) =>
    tx.execute<QueryResult>(
      `update contract set status = ?, version = version + 1, updated_at = now()
        where status = ? and start_date <= current_date`,
      [ContractStatus.ACTIVE, ContractStatus.SIGNED],
      'run',
    ),
  );
  const expired = await em.transactional((tx) =>
    tx.execute<QueryResult>(
      `update contract set status = ?, version = version + 1, updated_at = now()
        where status = ? and end_date < current_date`,
      [ContractStatus.EXPIRED, ContractStatus.ACTIVE],
      'run',
    ),
  );
  const alerted = await em.transactional((tx) =>
    tx.execute<QueryResult>(
      `insert into contract_renewal_alert (contract_id, window_days, end_date)
       select id, ?, end_date from contract
        where status in (?) and end_date between current_date and current_date + ?::int
       on conflict do nothing`,
      [options.renewalWindowDays, [...RENEWABLE_CONTRACT_STATUSES], options.renewalWindowDays],
      'run',
    ),
  );
  return { activated: activated.affectedRows, expired: expired.affectedRows, renewalAlerts: alerted.affectedRows };
}

/**
 * Runs the contract lifecycle now and then every hour. The returned function stops it and resolves once a run in
 * progress has finished, so the database is not closed under it.
 */
export function keepContractLifecycle(orm: MikroORM, options: ContractLifecycleOptions, log: Logger): () => Promise<void> {
  return everyHour(() =>
    runContractLifecycle(orm.em.fork(), options)
      .then((changed) => {
        if (changed.activated + changed.expired + changed.renewalAlerts > 0) log.info({ ...changed, ...options }, 'contract lifecycle moved contracts on');
      })
      .catch((error: unknown) => log.error({ err: error }, 'the contract lifecycle run failed')),
  );
}
