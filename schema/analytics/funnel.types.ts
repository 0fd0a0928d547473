import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { internalReaders } from '../org/org.policy';
import { OpportunityStage } from '../pipeline/pipeline.enums';

/** Amounts in the funnel follow the deal amount rule row by row: only deals whose amount the viewer may read are summed. */
const READABLE_SUM = 'the sum over the deals whose amount you may read (Opportunity.amount’s rule, applied per deal in SQL); null when you may read none of them';

@ObjectType({ description: 'One open stage of the funnel: the open pipeline now, and the period cohort’s passage through the stage.' })
@ReadableBy(rowReaders)
export class FunnelStage {
  @Field(() => OpportunityStage)
  stage!: OpportunityStage;

  @Field(() => Int, { description: 'Open deals in this stage now (deals you may see).' })
  count!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `Their amounts: ${READABLE_SUM}.` })
  amount!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: `Σ amount × probability ÷ 100, to the cent: ${READABLE_SUM}.` })
  @ReadableBy(internalReaders)
  weightedAmount!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Deals of the cohort (created in the period) that reached this stage or a later one (a skipped stage counts as passed); from the stage history.',
  })
  @ReadableBy(internalReaders)
  reached!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share (0–1) of the cohort deals that reached this stage and moved on beyond it (a later open stage or WON), to four decimals; null when none reached it.',
  })
  @ReadableBy(internalReaders)
  conversionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average days the cohort’s deals stayed in this stage, over the stays that ended (to one decimal); null when none ended.',
  })
  @ReadableBy(internalReaders)
  averageDaysInStage!: number | null;
}

@ObjectType({ description: 'Deals won or lost with the reason given.' })
@ReadableBy(rowReaders)
export class FunnelReason {
  @Field(() => String, { nullable: true, description: 'The reason (lost: the lost reason; won: the reason given with the move to WON); null when none was given.' })
  reason!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `${READABLE_SUM}.` })
  amount!: string | null;
}

@ObjectType({ description: 'Deals won, or lost, in the period (closed between from and to), with their reasons.' })
@ReadableBy(rowReaders)
export class FunnelOutcome {
  @Field(() => Int)
  count!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `${READABLE_SUM}.` })
  amount!: string | null;

  @Field(() => [FunnelReason], { nullable: true, description: 'By reason, most deals first (from the stage history for won deals).' })
  @ReadableBy(internalReaders)
  reasons!: FunnelReason[] | null;
}

@ObjectType({ description: 'Open deals by age in days: fromDays to toDays (both included; toDays null: and older).' })
@ReadableBy(rowReaders)
export class FunnelAgeingBucket {
  @Field(() => Int)
  fromDays!: number;

  @Field(() => Int, { nullable: true })
  toDays!: number | null;

  @Field(() => Int)
  count!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `${READABLE_SUM}.` })
  amount!: string | null;
}

@ObjectType({ description: 'Deals whose expected close date slipped: passed while still open, or moved to a later date.' })
@ReadableBy(rowReaders)
export class FunnelSlippage {
  @Field(() => Int, { description: 'Open deals whose expected close date is before today (company time).' })
  overdueCount!: number;

  @Field(() => DecimalScalar, { nullable: true, description: `${READABLE_SUM}.` })
  overdueAmount!: string | null;

  @Field(() => Int, { nullable: true, description: 'Deals (open or closed now) whose expected close date was moved to a later date during the period.' })
  @ReadableBy(internalReaders)
  postponedCount!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: `Their amounts: ${READABLE_SUM}.` })
  @ReadableBy(internalReaders)
  postponedAmount!: string | null;

  @Field(() => Float, { nullable: true, description: 'Average days the postponed deals’ close dates moved in the period (sum of their later moves), to one decimal.' })
  @ReadableBy(internalReaders)
  averageDaysPostponed!: number | null;
}

@ObjectType({
  description:
    'The pipeline funnel (销售漏斗) of the deals you may see: the open pipeline by stage now, the cohort created in the period ' +
    '(conversion and days in stage), deals won and lost in the period, the ageing of open deals and slipped close dates.',
})
@ReadableBy(rowReaders)
export class PipelineFunnel {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => [FunnelStage], { description: 'The open stages in process order (LEAD … NEGOTIATION), each present even when empty.' })
  stages!: FunnelStage[];

  @Field(() => Int, { description: 'Deals created in the period (company time, both days included): the cohort of reached / conversionRate.' })
  cohortSize!: number;

  @Field(() => FunnelOutcome)
  won!: FunnelOutcome;

  @Field(() => FunnelOutcome)
  lost!: FunnelOutcome;

  @Field(() => [FunnelAgeingBucket], { nullable: true, description: 'Open deals by days since their last stage move (0–30, 31–60, 61–90, over 90).' })
  @ReadableBy(internalReaders)
  ageingSinceStageMove!: FunnelAgeingBucket[] | null;

  @Field(() => [FunnelAgeingBucket], { description: 'Open deals by days since they were created (0–30, 31–60, 61–90, over 90).' })
  ageingSinceCreation!: FunnelAgeingBucket[];

  @Field(() => FunnelSlippage)
  slippage!: FunnelSlippage;
}
