import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/postgresql';

/**
 * Names the signed-in user in every transaction a request's EntityManager opens (a transaction-local setting), so
 * the outbox triggers record who made a change. Writers without a user (the admin UI, seeds, imports) leave it
 * empty and their events have no actor.
 */
class ActorSubscriber implements EventSubscriber {
  constructor(private readonly actorId: string) {}

  async afterTransactionStart(args: TransactionEventArgs): Promise<void> {
    await args.em.getConnection().execute(`select set_config('salesgraph.actor_id', ?, true)`, [this.actorId], 'all', args.transaction);
  }
}

/** A fork of `em` whose transactions carry `actorId` (see ActorSubscriber). */
export function forkActingAs(em: EntityManager, actorId: string): EntityManager {
  const fork = em.fork({ cloneEventManager: true });
  fork.getEventManager().registerSubscriber(new ActorSubscriber(actorId));
  return fork;
}
