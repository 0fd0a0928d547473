import type { EntityManager } from '@mikro-orm/postgresql';
import { rowsByParentLoader } from '../../api/data-loaders';
import { WebhookAttempt } from './webhook.entities';

export function createEventLoaders(em: EntityManager) {
  return {
    /** Keys are deliveries the viewer already reached through their own endpoint, so no further scope applies. */
    attemptsByDeliveryId: rowsByParentLoader(em, WebhookAttempt, 'delivery', {}, { attemptedAt: 'asc', id: 'asc' }),
  };
}
