import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { HOUR_MS, everyHour } from '../../api/every-hour';
import { DomainEvent } from './domain-event.entity';

/** Deletes the events older than the retention window; returns how many. */
export async function pruneEvents(orm: MikroORM, retentionDays: number): Promise<number> {
  return orm.em.fork().nativeDelete(DomainEvent, { occurredAt: { $lt: new Date(Date.now() - retentionDays * 24 * HOUR_MS) } });
}

/** Prunes now and then every hour; the returned function stops it (and resolves once a run in progress has ended). */
export function keepEventRetention(orm: MikroORM, retentionDays: number, log: Logger): () => Promise<void> {
  return everyHour(() =>
    pruneEvents(orm, retentionDays)
      .then((deleted) => {
        if (deleted > 0) log.info({ deleted, retentionDays }, 'pruned deal events past their retention');
      })
      .catch((error: unknown) => log.error({ err: error }, 'pruning deal events failed')),
  );
}
