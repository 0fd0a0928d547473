import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import type { Visit } from '../customers/entities/visit.entity';
import { visitRowScope } from '../customers/customers.policy';
import { Meeting, MeetingActionItem } from './entities/meeting.entity';
import { WorkReport, WorkReportAcknowledgement, WorkReportVisit } from './entities/work-report.entity';
import { meetingRowScope, workReportRowScope } from './reports.policy';

/** The visits of a page of reports in one statement, each through the viewer's visit scope. */
function visitsByReportIdLoader(em: EntityManager, viewer: Viewer | null): DataLoader<string, Visit[]> {
  return new DataLoader(async (reportIds) => {
    const grouped = new Map<string, Visit[]>(reportIds.map((id) => [id, []]));
    if (viewer === null) return reportIds.map(() => []);
    const links = await em.find(
      WorkReportVisit,
      { report: { $in: [...reportIds] }, visit: visitRowScope(viewer) },
      { populate: ['visit'], orderBy: { visit: { visitedOn: 'asc', createdAt: 'asc', id: 'asc' } } },
    );
    for (const link of links) grouped.get(link.report.id)?.push(link.visit);
    return reportIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Reports and meetings by id (through their row scopes), their visits, acknowledgements and action items: batched per request. */
export function createReportLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    reportById: entityByIdLoader(em, WorkReport, viewer === null ? MATCHES_NOTHING : workReportRowScope(viewer)),
    meetingById: entityByIdLoader(em, Meeting, viewer === null ? MATCHES_NOTHING : meetingRowScope(viewer)),
    visitsByReportId: visitsByReportIdLoader(em, viewer),
    // Read only through their report or meeting, which the row scope already let through.
    acknowledgementsByReportId: rowsByParentLoader(em, WorkReportAcknowledgement, 'report', {}, { acknowledgedAt: 'asc' }),
    actionItemsByMeetingId: rowsByParentLoader(em, MeetingActionItem, 'meeting', {}, { position: 'asc', id: 'asc' }),
  };
}
