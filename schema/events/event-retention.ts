import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DomainEvent } from './domain-event.entity';

const HOUR = 60 * 60 * 1000;

/** Deletes the events older than the retention window; returns how many. */
export async function pruneEvents(orm: MikroORM, retentionDays: number): Promise<number> {
  return orm.em.fork().nativeDelete(DomainEvent, { occurredAt: { $lt: new Date(Date.now() - retentionDays * 24 * HOUR) } });
}

/** Prunes now and then every hour; the returned function stops it. */
export function keepEventRetention(orm: MikroORM, retentionDays: number, log: Logger): () => void {
  const prune = () => {
    pruneEvents(orm, retentionDays)
      .then((deleted) => {
        if (deleted > 0) log.info({ deleted, retentionDays }, 'pruned deal events past their retention');
      })
      .catch((error: unknown) => log.error({ err: error }, 'pruning deal events failed'));
  };
  prune();
  const timer = setInterval(prune, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
