import { LockMode, OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';

/**
 * Optimistic locking for every module: the version the client read must still be the stored one. A mismatch, here
 * or when a concurrent writer commits first and the flush notices, becomes the module's own error (`stale`), its
 * STALE_VERSION conflict.
 */
export async function lockVersion(em: EntityManager, record: object, version: number, stale: () => Error): Promise<void> {
  try {
    await em.lock(record, LockMode.OPTIMISTIC, version);
  } catch (error) {
    if (error instanceof OptimisticLockError) throw stale();
    throw error;
  }
}

/** Flushes; a versioned row another writer changed in the meantime becomes `stale()`. */
export async function flushOrStale(em: EntityManager, stale: () => Error): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) throw stale();
    throw error;
  }
}
