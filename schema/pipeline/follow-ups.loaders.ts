import { Cursor, type EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { ConnectionShape } from '../../api/pagination';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import { OpportunityFollowUp } from './entities/opportunity-follow-up.entity';

/** Newest first, as `followUps(opportunityId)` pages: a nested page's `endCursor` continues there. */
export const FOLLOW_UP_ORDER = { occurredAt: 'desc', id: 'desc' } as const;

/** A page of one opportunity's follow-ups: the opportunity (already scoped) and the page size. */
export interface FollowUpPageKey {
  opportunityId: string;
  first: number;
}

/**
 * The newest `first` follow-ups of each opportunity of a page, with their counts, in one statement per page size
 * (a window per opportunity). Keys are opportunities the viewer already sees; partners see no follow-ups.
 */
function followUpPageLoader(em: EntityManager, viewer: Viewer | null): DataLoader<FollowUpPageKey, ConnectionShape<OpportunityFollowUp>, string> {
  return new DataLoader(
    async (keys) => {
      const pages = new Map<string, ConnectionShape<OpportunityFollowUp>>();
      const hidden = viewer === null || isPartner(viewer);
      const sizes = [...new Set(keys.map((key) => key.first))];
      const meta = em.getMetadata().get(OpportunityFollowUp.name);
      for (const first of sizes) {
        const ids = keys.filter((key) => key.first === first).map((key) => key.opportunityId);
        const rows = hidden
          ? []
          : await em.execute<Record<string, unknown>[]>(
              `select * from (
                 select f.*, row_number() over (partition by f.opportunity_id order by f.occurred_at desc, f.id desc) as page_rank,
                        count(*) over (partition by f.opportunity_id) as page_total
                   from opportunity_follow_up f where f.opportunity_id in (?)
               ) ranked where page_rank <= ? order by occurred_at desc, id desc`,
              [ids, first],
            );
        const grouped = new Map<string, { nodes: OpportunityFollowUp[]; total: number }>(ids.map((id) => [id, { nodes: [], total: 0 }]));
        for (const row of rows) {
          const { page_rank: _rank, page_total: total, ...columns } = row;
          const followUp = em.map(OpportunityFollowUp, columns);
          const group = grouped.get(followUp.opportunity.id);
          if (group === undefined) continue;
          group.nodes.push(followUp);
          group.total = Number(total);
        }
        for (const [id, { nodes, total }] of grouped) {
          const edges = nodes.map((node) => ({ cursor: Cursor.for(meta, node, FOLLOW_UP_ORDER), node }));
          pages.set(`${id}:${first}`, {
            edges,
            nodes,
            totalCount: total,
            pageInfo: {
              hasNextPage: total > nodes.length,
              hasPreviousPage: false,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          });
        }
      }
      return keys.map((key) => pages.get(`${key.opportunityId}:${key.first}`)!);
    },
    { cacheKeyFn: (key) => `${key.opportunityId}:${key.first}` },
  );
}

/** The follow-up loaders of the pipeline module for one request. */
export function createFollowUpLogLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    followUpPage: followUpPageLoader(em, viewer),
  };
}
