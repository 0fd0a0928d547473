import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rowReaders, signedInPersonWithRole, viewerRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import { isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import type { Meeting, MeetingActionItem } from './entities/meeting.entity';
import type { WorkReport } from './entities/work-report.entity';

/** Reports, meetings and their parts: whoever the row scope lets see the row. */
export const reportReaders = rowReaders;

/** Internal people: everyone who works in the company (partners and API keys excluded). */
const INTERNAL_ROLES: readonly Role[] = Object.values(Role).filter((role) => role !== Role.PARTNER && role !== Role.INTEGRATION);

/** Heads of units, the VP and admins: they review, see who is late and record meetings. */
const HEAD_ROLES: readonly Role[] = [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN];

function outsider(viewer: Viewer): boolean {
  return isPartner(viewer) || viewer.role === Role.INTEGRATION;
}

/**
 * Row scope of work reports: the author and their management chain (the heads of the units above them, so an
 * important matter is readable all the way up), the VP and admins. A report is how one person tells their line what
 * they did: finance, partners and API keys see none but (finance) their own.
 */
export function workReportRowScope(viewer: Viewer): FilterQuery<WorkReport> {
  if (outsider(viewer)) return MATCHES_NOTHING;
  if (seesWholeCompany(viewer)) return {};
  return { author: { $in: reachableOwnerIds(viewer) } };
}

/**
 * A report's review score: the author's management chain, the VP and admins, and the author themself (a score the
 * author may not see gives no feedback, and feedback is what 004's review is for). Never the author's peers, whom the
 * row scope already keeps out, nor API keys or partners.
 */
export const reviewScoreReaders: SqlAccessRule<{ author: { id: string } }> = {
  name: 'review-score-readers',
  description: 'the author, the heads of the units above the author, the VP and admins',
  allows(ctx, row) {
    const viewer = ctx.viewer;
    if (viewer === null || outsider(viewer)) return false;
    return seesWholeCompany(viewer) || row.author.id === viewer.userId || managesUser(viewer, row.author.id);
  },
  where(viewer) {
    return workReportRowScope(viewer) as never;
  },
};

/** Whether `viewer` reviews (or acknowledges) `authorId`'s reports: someone above them, the VP or an admin; never the author. */
export function mayReview(viewer: Viewer, authorId: string): boolean {
  return viewer.userId !== authorId && (seesWholeCompany(viewer) || managesUser(viewer, authorId));
}

/**
 * Meetings: the heads of the meeting's unit and of the units above it (their chain), its attendees (action items'
 * owners are always attendees), the VP and admins.
 */
export function meetingRowScope(viewer: Viewer): FilterQuery<Meeting> {
  if (outsider(viewer)) return MATCHES_NOTHING;
  if (seesWholeCompany(viewer)) return {};
  return { $or: [{ orgUnit: { $in: [...viewer.managedUnitIds] } }, { attendeeIds: { $contains: [viewer.userId] } }] };
}

/** Action items are seen with their meeting. */
export function actionItemRowScope(viewer: Viewer): FilterQuery<MeetingActionItem> {
  if (outsider(viewer)) return MATCHES_NOTHING;
  return { meeting: meetingRowScope(viewer) };
}

/** Who records a meeting on `orgUnitId` and changes it: the heads of that unit or above, the VP and admins. */
export function mayHoldMeeting(viewer: Viewer, orgUnitId: string): boolean {
  return seesWholeCompany(viewer) || viewer.managedUnitIds.has(orgUnitId);
}

/** Who writes, submits and reads their own reports: every signed-in internal person. */
export const reportWriters = signedInPersonWithRole('report-writers', 'signed-in internal users (not partners, not API keys)', INTERNAL_ROLES);

/** Who reviews reports, acknowledges important matters and asks who is late: heads of units, the VP and admins. */
export const reportReviewers = signedInPersonWithRole(
  'report-reviewers',
  'team managers, regional directors, the VP and admins (each for the people below them)',
  HEAD_ROLES,
);

/** Who records team and director meetings: heads of units, the VP and admins. */
export const meetingHolders = signedInPersonWithRole('meeting-holders', 'team managers, regional directors, the VP and admins (for their own units)', HEAD_ROLES);

/** Report deadlines are the published rules of the reporting cadence: every internal user reads them. */
export const deadlineReaders = viewerRule('report-deadline-readers', 'internal users (not partners)', (viewer) => !isPartner(viewer));
