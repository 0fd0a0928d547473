import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind } from '../org/org.enums';
import { Meeting, MeetingActionItem } from './entities/meeting.entity';
import { ActionItemStatus, MeetingKind } from './reports.enums';
import { ReportsError, ReportsErrorCode, staleReportVersion } from './reports.errors';
import type { ActionItemInput, CreateMeetingInput, MeetingsArgs, UpdateMeetingInput } from './reports.inputs';
import { actionItemRowScope, mayHoldMeeting, meetingRowScope } from './reports.policy';
import { pgArray } from './reports.service';

/** The unit kinds each meeting kind is held for. */
const UNIT_KINDS: Record<MeetingKind, OrgUnitKind[]> = {
  [MeetingKind.TEAM]: [OrgUnitKind.TEAM],
  [MeetingKind.DIRECTOR]: [OrgUnitKind.REGION, OrgUnitKind.COMPANY],
};

/**
 * Team and director meetings (P6): recorded by the heads of the unit (or above), with attendees, minutes and action
 * items; an action item is marked done by its owner or the heads above the meeting's unit.
 */
export class MeetingsService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  meetingById(id: string, em: EntityManager = this.em): Promise<Meeting> {
    return findVisibleOrFail(em, Meeting, { id }, meetingRowScope(this.viewer), () => new ReportsError(ReportsErrorCode.MEETING_NOT_FOUND, { id }));
  }

  meetings(args: MeetingsArgs, options: FindPageOptions): Promise<ConnectionShape<Meeting>> {
    const filter = args.filter;
    const conditions: FilterQuery<Meeting>[] = [meetingRowScope(this.viewer)];
    if (filter?.kind != null) conditions.push({ kind: filter.kind });
    if (filter?.orgUnitId != null) conditions.push({ orgUnit: filter.orgUnitId });
    if (filter?.from != null) conditions.push({ heldOn: { $gte: filter.from } });
    if (filter?.to != null) conditions.push({ heldOn: { $lte: filter.to } });
    return findPage(this.em, Meeting, { $and: conditions }, args, { heldOn: 'desc', id: 'desc' }, options);
  }

  async create(input: CreateMeetingInput): Promise<Meeting> {
    const title = input.title.trim();
    if (title === '') throw UserInputError.field('input.title', 'must not be blank');
    const id = await this.em.transactional(async (em) => {
      const unit = await em.findOne(OrgUnit, { id: input.orgUnitId });
      if (unit === null || !mayHoldMeeting(this.viewer, unit.id)) {
        throw unit === null ? new ReportsError(ReportsErrorCode.UNIT_NOT_FOUND, { field: 'input.orgUnitId' }) : new ReportsError(ReportsErrorCode.NOT_YOUR_MEETING);
      }
      if (!UNIT_KINDS[input.kind].includes(unit.kind)) throw new ReportsError(ReportsErrorCode.WRONG_UNIT_KIND, { field: 'input.orgUnitId' });
      const items = input.actionItems ?? [];
      const attendeeIds = await this.attendees(em, input.attendeeIds, items, 'input.actionItems');
      const meeting = em.create(Meeting, {
        kind: input.kind,
        orgUnit: unit,
        heldOn: input.heldOn,
        title,
        minutes: input.minutes?.trim() || null,
        attendeeIds,
        createdBy: em.getReference(User, this.viewer.userId),
      });
      this.addItems(em, meeting, items, 0);
      await em.flush();
      return meeting.id;
    });
    return this.fresh(id);
  }

  /** Changes the record (title, minutes, attendees) and adds action items; `version` must be the one read. */
  async update(id: string, version: number, input: UpdateMeetingInput): Promise<Meeting> {
    await this.em.transactional(async (em) => {
      const meeting = await this.meetingById(id, em);
      if (!mayHoldMeeting(this.viewer, meeting.orgUnit.id)) throw new ReportsError(ReportsErrorCode.NOT_YOUR_MEETING);
      await lockVersion(em, meeting, version, staleReportVersion);
      if (input.title !== undefined) {
        const title = input.title.trim();
        if (title === '') throw UserInputError.field('input.title', 'must not be blank');
        meeting.title = title;
      }
      if (input.minutes !== undefined) meeting.minutes = input.minutes.trim() || null;
      const added = input.addActionItems ?? [];
      if (input.attendeeIds !== undefined || added.length > 0) {
        const existing = await em.find(MeetingActionItem, { meeting: meeting.id });
        const owners = existing.map((item) => item.owner.id);
        meeting.attendeeIds = await this.attendees(em, input.attendeeIds ?? meeting.attendeeIds, added, 'input.addActionItems', owners);
        this.addItems(em, meeting, added, existing.length);
      }
      meeting.updatedAt = new Date();
      await flushOrStale(em, staleReportVersion);
    });
    return this.fresh(id);
  }

  /** The owner, or a head of the meeting's unit or above, marks an action item done or open again. */
  async setActionItemStatus(id: string, version: number, status: ActionItemStatus): Promise<MeetingActionItem> {
    return this.em.transactional(async (em) => {
      const item = await findVisibleOrFail(em, MeetingActionItem, { id }, actionItemRowScope(this.viewer), () => new ReportsError(ReportsErrorCode.ACTION_ITEM_NOT_FOUND, { id }));
      const meeting = await em.findOneOrFail(Meeting, { id: item.meeting.id });
      if (item.owner.id !== this.viewer.userId && !mayHoldMeeting(this.viewer, meeting.orgUnit.id)) throw new ReportsError(ReportsErrorCode.NOT_YOUR_MEETING);
      await lockVersion(em, item, version, staleReportVersion);
      item.status = status;
      item.doneAt = status === ActionItemStatus.DONE ? (item.doneAt ?? new Date()) : null;
      await flushOrStale(em, staleReportVersion);
      return item;
    });
  }

  private addItems(em: EntityManager, meeting: Meeting, items: readonly ActionItemInput[], from: number): void {
    items.forEach((item, index) => {
      em.create(MeetingActionItem, {
        meeting,
        position: from + index + 1,
        description: item.description.trim(),
        owner: em.getReference(User, item.ownerId),
        dueOn: item.dueOn,
      });
    });
  }

  /**
   * The attendees given plus every action item's owner, each an active internal user (one statement); an unknown id is
   * refused at its path.
   */
  private async attendees(
    em: EntityManager,
    attendeeIds: readonly string[],
    items: readonly { ownerId: string }[],
    itemsPath: string,
    existingOwnerIds: readonly string[] = [],
  ): Promise<string[]> {
    const wanted = [...new Set([...attendeeIds, ...items.map((item) => item.ownerId), ...existingOwnerIds])];
    if (wanted.length === 0) return [];
    const rows = await em.execute<{ id: string }[]>(
      `select id from app_user where id = any(?::uuid[]) and status = 'ACTIVE' and role not in ('PARTNER', 'INTEGRATION')`,
      [pgArray(wanted)],
    );
    const known = new Set(rows.map((row) => row.id));
    const badAttendee = attendeeIds.findIndex((id) => !known.has(id));
    if (badAttendee !== -1) throw new ReportsError(ReportsErrorCode.PERSON_NOT_FOUND, { field: `input.attendeeIds.${badAttendee}` });
    const badOwner = items.findIndex((item) => !known.has(item.ownerId));
    if (badOwner !== -1) throw new ReportsError(ReportsErrorCode.PERSON_NOT_FOUND, { field: `${itemsPath}.${badOwner}.ownerId` });
    // An owner of an earlier item who left stays an attendee of the record.
    return [...new Set([...wanted.filter((id) => known.has(id)), ...existingOwnerIds])];
  }

  private fresh(id: string): Promise<Meeting> {
    return this.em.findOneOrFail(Meeting, { id }, { refresh: true });
  }
}
