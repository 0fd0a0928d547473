import { ArrayMaxSize, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { ActionItemStatus, MeetingKind, WorkReportKind, WorkReportStatus } from './reports.enums';

/** The most visits one daily report links, attendees one meeting has, action items one meeting records. */
export const MAX_REPORT_VISITS = 50;
export const MAX_ATTENDEES = 100;
export const MAX_ACTION_ITEMS = 50;

@InputType({ description: 'The text of a work report; fields left out stay as they are.' })
export class WorkReportTextInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  title?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  progress?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  problems?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  helpNeeded?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  plan?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  analysis?: string;

  @Field(() => [ID], { nullable: true, description: 'Daily reports: the visits of that day it covers (yours, made or accompanied); replaces the list.' })
  @IsOptional()
  @ArrayMaxSize(MAX_REPORT_VISITS)
  @IsUUID(undefined, { each: true })
  visitIds?: string[];
}

@InputType({ description: 'A new work report of yours. A daily report left without progress or visits is prefilled from that day’s visits and stage moves.' })
export class CreateWorkReportInput extends WorkReportTextInput {
  @Field(() => WorkReportKind)
  kind!: WorkReportKind;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Any day of the period (company time); today when left out. Important matters are always dated today.',
  })
  date?: string;
}

@InputType({ description: 'A review of a submitted report: a score of 1–5 and a comment.' })
export class ReviewWorkReportInput {
  @Field(() => Int)
  @Min(1)
  @Max(5)
  score!: number;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  comment?: string;
}

@InputType({ description: 'Filters for `workReports`. All given conditions must hold.' })
export class WorkReportFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  authorId?: string;

  @Field(() => WorkReportKind, { nullable: true })
  kind?: WorkReportKind;

  @Field(() => WorkReportStatus, { nullable: true })
  status?: WorkReportStatus;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Periods starting on or after this day.' })
  from?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Periods starting on or before this day.' })
  to?: string;
}

@ArgsType()
export class WorkReportsArgs extends PageArgs {
  @Field(() => WorkReportFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: WorkReportFilter;
}

@ArgsType()
export class ReportComplianceArgs {
  @Field(() => WorkReportKind, { description: 'A periodic kind (not IMPORTANT_MATTER).' })
  kind!: WorkReportKind;

  @Field(() => LocalDateResolver, { description: 'A day of the first period.' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'A day of the last period.' })
  to!: string;

  @Field(() => ID, { nullable: true, description: 'Only this unit’s subtree (one you head); all you head when left out.' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

@InputType({ description: 'An action item of a meeting.' })
export class ActionItemInput {
  @Field()
  @TextOf('note')
  description!: string;

  @Field(() => ID, { description: 'Who does it (becomes an attendee).' })
  @IsUUID()
  ownerId!: string;

  @Field(() => LocalDateResolver)
  dueOn!: string;
}

@InputType({ description: 'A team or director meeting to record.' })
export class CreateMeetingInput {
  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field(() => ID, { description: 'The team (TEAM) or region or company (DIRECTOR) it is held for: one you head.' })
  @IsUUID()
  orgUnitId!: string;

  @Field(() => LocalDateResolver)
  heldOn!: string;

  @Field()
  @TextOf('name')
  title!: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  minutes?: string;

  @Field(() => [ID], { description: 'The attendees (internal users).' })
  @ArrayMaxSize(MAX_ATTENDEES)
  @IsUUID(undefined, { each: true })
  attendeeIds!: string[];

  @Field(() => [ActionItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_ACTION_ITEMS)
  @ValidateNested({ each: true })
  actionItems?: ActionItemInput[];
}

@InputType({ description: 'Changes to a meeting’s record; fields left out stay.' })
export class UpdateMeetingInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  title?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  minutes?: string;

  @Field(() => [ID], { nullable: true, description: 'Replaces the attendees (action items’ owners stay attendees).' })
  @IsOptional()
  @ArrayMaxSize(MAX_ATTENDEES)
  @IsUUID(undefined, { each: true })
  attendeeIds?: string[];

  @Field(() => [ActionItemInput], { nullable: true, description: 'Action items to add.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ACTION_ITEMS)
  @ValidateNested({ each: true })
  addActionItems?: ActionItemInput[];
}

@InputType({ description: 'Filters for `meetings`.' })
export class MeetingFilter {
  @Field(() => MeetingKind, { nullable: true })
  kind?: MeetingKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  from?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  to?: string;
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: MeetingFilter;
}

export { ActionItemStatus };
