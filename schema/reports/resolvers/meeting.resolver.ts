import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { Meeting, MeetingActionItem } from '../entities/meeting.entity';
import { MeetingsService } from '../meetings.service';
import { ActionItemStatus } from '../reports.enums';
import { CreateMeetingInput, MeetingsArgs, UpdateMeetingInput } from '../reports.inputs';
import { meetingHolders, reportWriters } from '../reports.policy';
import { MeetingConnection } from '../reports.types';

function present<Row>(rows: (Row | null)[]): Row[] {
  return rows.filter((row): row is Row => row !== null);
}

@Resolver(() => Meeting)
export class MeetingResolver {
  @Query(() => MeetingConnection, { description: 'Meetings you may see: of the units you head (and below), and those you attended; latest first.' })
  @Allow(reportWriters)
  meetings(@Args() args: MeetingsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<MeetingConnection> {
    return new MeetingsService(ctx).meetings(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Meeting, { nullable: true, description: 'One meeting by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(reportWriters)
  meeting(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Meeting> {
    return new MeetingsService(ctx).meetingById(assertId(id, 'id'));
  }

  @Mutation(() => Meeting, { description: 'Records a team meeting (a team you head) or a director meeting (a region you head), with attendees and action items.' })
  @Allow(meetingHolders)
  createMeeting(@Arg('input') input: CreateMeetingInput, @Ctx() ctx: RequestContext): Promise<Meeting> {
    return new MeetingsService(ctx).create(input);
  }

  @Mutation(() => Meeting, { description: 'Changes a meeting’s record and adds action items. `version` must be the one you read.' })
  @Allow(meetingHolders)
  updateMeeting(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateMeetingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Meeting> {
    return new MeetingsService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => MeetingActionItem, { description: 'Marks an action item done or open again: its owner, or a head of the meeting’s unit or above.' })
  @Allow(reportWriters)
  setActionItemStatus(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('status', () => ActionItemStatus) status: ActionItemStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<MeetingActionItem> {
    return new MeetingsService(ctx).setActionItemStatus(assertId(id, 'id'), version, status);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(meeting.orgUnit.id);
  }

  @FieldResolver(() => [User], { description: 'The attendees (action items’ owners included), by name.' })
  async attendees(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<User[]> {
    const users = present(await ctx.loaders.org.userById.loadMany(meeting.attendeeIds).then((rows) => rows.map((row) => (row instanceof Error ? null : row))));
    return users.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(meeting.createdBy.id);
  }

  @FieldResolver(() => [MeetingActionItem])
  actionItems(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingActionItem[]> {
    return ctx.loaders.reports.actionItemsByMeetingId.load(meeting.id);
  }
}

@Resolver(() => MeetingActionItem)
export class MeetingActionItemResolver {
  @FieldResolver(() => User, { nullable: true })
  owner(@Root() item: MeetingActionItem, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(item.owner.id);
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() item: MeetingActionItem, @Ctx() ctx: RequestContext): Promise<Meeting | null> {
    return ctx.loaders.reports.meetingById.load(item.meeting.id);
  }
}
