import { IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { TextOf } from '../../api/validation';
import { RecurrenceUnit, VisitPlanStatus } from './follow-up.enums';

@InputType({ description: 'A planned visit (客户预约); with recurrenceEvery and recurrenceUnit, a regular return visit (定期回访).' })
export class CreateVisitPlanInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contactId?: string;

  @Field(() => Date, { description: 'When the visit is appointed; not in the past.' })
  plannedAt!: Date;

  @Field()
  @TextOf('note')
  purpose!: string;

  @Field(() => ID, { nullable: true, description: 'Who is to visit: you (the default) or someone you manage.' })
  @IsOptional()
  @IsUUID()
  plannedById?: string;

  @Field(() => Int, { nullable: true, description: 'Every how many units the visit recurs (1–365); with recurrenceUnit.' })
  @IsOptional()
  @Min(1)
  @Max(365)
  recurrenceEvery?: number;

  @Field(() => RecurrenceUnit, { nullable: true })
  recurrenceUnit?: RecurrenceUnit;
}

@InputType({ description: 'A check-in from a mobile client (签到): where the device was, and how accurately.' })
export class CheckInInput {
  @Field(() => Date, { nullable: true, description: 'When the device checked in; now when omitted. Not in the future.' })
  checkedInAt?: Date;

  @Field(() => Float, { description: 'WGS-84 latitude, -90 to 90.' })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float, { description: 'WGS-84 longitude, -180 to 180.' })
  @Min(-180)
  @Max(180)
  longitude!: number;

  @Field(() => Float, { description: 'The accuracy the device reported, in metres (0 to 100 000).' })
  @Min(0)
  @Max(100_000)
  accuracyMetres!: number;
}

@InputType({ description: 'The visit a plan turns into: the visit form’s fields, and optionally a check-in.' })
export class CompleteVisitPlanInput {
  @Field(() => LocalDateResolver, { nullable: true, description: 'Today or earlier; the plan’s date (company time) when omitted.' })
  visitedOn?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  outcome?: string;

  @Field(() => String, { nullable: true })
  @TextOf('note')
  nextStep?: string;

  @Field(() => LocalDateResolver, { nullable: true })
  nextVisitOn?: string;

  @Field(() => ID, { nullable: true, description: 'The manager above you who joined the visit (协访).' })
  @IsOptional()
  @IsUUID()
  accompaniedById?: string;

  @Field(() => CheckInInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  checkIn?: CheckInInput;
}

@InputType()
export class VisitPlanFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  plannedById?: string;

  @Field(() => [VisitPlanStatus], { nullable: true, description: 'MISSED means PLANNED and more than a day past its time.' })
  statuses?: VisitPlanStatus[];

  @Field(() => Date, { nullable: true, description: 'Planned at or after.' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Planned before.' })
  to?: Date;
}

@ArgsType()
export class VisitPlansArgs extends PageArgs {
  @Field(() => VisitPlanFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: VisitPlanFilter;
}
