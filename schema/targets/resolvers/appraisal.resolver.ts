import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { AppraisalsArgs, ImprovementCandidatesArgs, ReviewAppraisalInput, RunAppraisalsInput } from '../appraisals.inputs';
import { appraisers, performanceReaders } from '../appraisals.policy';
import { AppraisalsService } from '../appraisals.service';
import { ImprovementCandidate } from '../appraisals.types';
import { Appraisal, AppraisalLine } from '../entities/appraisal.entity';
import { Scorecard, ScorecardIndicator } from '../entities/scorecard.entity';

@Resolver(() => Appraisal)
export class AppraisalResolver {
  @Query(() => [Appraisal], { description: 'The appraisals of one period visible to you (yours, the people below you; finance, the VP and admins: all), by name.' })
  @Allow(performanceReaders)
  appraisals(@Args() args: AppraisalsArgs, @Ctx() ctx: RequestContext): Promise<Appraisal[]> {
    return new AppraisalsService(ctx).appraisals(args);
  }

  @Query(() => Appraisal, { nullable: true, description: 'One appraisal by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(performanceReaders)
  appraisal(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Appraisal> {
    return new AppraisalsService(ctx).appraisalById(assertId(id, 'id'));
  }

  @Query(() => [ImprovementCandidate], {
    description:
      'People below you whose achievement of their scorecard’s main metric was under its threshold in each of its number of periods ' +
      '(default 3 months) up to periodStart: due an improvement plan (N11). A period without a target is not a miss.',
  })
  @Allow(appraisers)
  improvementCandidates(@Args() args: ImprovementCandidatesArgs, @Ctx() ctx: RequestContext): Promise<ImprovementCandidate[]> {
    return new AppraisalsService(ctx).improvementCandidates(args);
  }

  @Mutation(() => [Appraisal], {
    description:
      'Computes the draft appraisals of a period for everyone below you with an active scorecard (a manager their team, a director ' +
      'their region, the VP and admins everyone; never yourself). Reviewed and archived ones stay as they are; drafts keep their adjustments.',
  })
  @Allow(appraisers)
  runAppraisals(@Arg('input') input: RunAppraisalsInput, @Ctx() ctx: RequestContext): Promise<Appraisal[]> {
    return new AppraisalsService(ctx).runAppraisals(input);
  }

  @Mutation(() => Appraisal, {
    description: 'The reviewer (head of the person’s unit; for a unit’s head the next head up) adjusts scores with reasons, comments and recommends. DRAFT only.',
  })
  @Allow(appraisers)
  reviewAppraisal(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: ReviewAppraisalInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Appraisal> {
    return new AppraisalsService(ctx).review(assertId(id, 'id'), version, input);
  }

  @Mutation(() => Appraisal, { description: 'The reviewer submits the draft to the level above: DRAFT → REVIEWED. Needs a recommendation.' })
  @Allow(appraisers)
  submitAppraisal(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<Appraisal> {
    return new AppraisalsService(ctx).submit(assertId(id, 'id'), version);
  }

  @Mutation(() => Appraisal, {
    description: 'The level above the reviewer confirms: REVIEWED → ARCHIVED, unchangeable from then on (emits appraisal.finalized). Of two confirmations at once one wins; the other is a CONFLICT.',
  })
  @Allow(appraisers)
  confirmAppraisal(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<Appraisal> {
    return new AppraisalsService(ctx).confirm(assertId(id, 'id'), version);
  }

  @Mutation(() => Appraisal, { description: 'The level above the reviewer returns it with a comment: REVIEWED → DRAFT.' })
  @Allow(appraisers)
  returnAppraisal(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment') comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Appraisal> {
    return new AppraisalsService(ctx).returnToReviewer(assertId(id, 'id'), version, comment);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The person appraised.' })
  user(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(appraisal.user.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The person’s unit when it was computed.' })
  orgUnit(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return appraisal.orgUnit === null ? null : ctx.loaders.org.unitById.load(appraisal.orgUnit.id);
  }

  @FieldResolver(() => Scorecard, { nullable: true })
  scorecard(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<Scorecard | null> {
    return ctx.loaders.appraisals.scorecardById.load(appraisal.scorecard.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who submitted the review.' })
  reviewedBy(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return appraisal.reviewedBy === null ? null : ctx.loaders.org.userById.load(appraisal.reviewedBy.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who confirmed and archived it.' })
  confirmedBy(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return appraisal.confirmedBy === null ? null : ctx.loaders.org.userById.load(appraisal.confirmedBy.id);
  }

  @FieldResolver(() => [AppraisalLine], { description: 'The indicator lines, in scorecard order.' })
  lines(@Root() appraisal: Appraisal, @Ctx() ctx: RequestContext): Promise<AppraisalLine[]> {
    return ctx.loaders.appraisals.linesByAppraisalId.load(appraisal.id);
  }
}

@Resolver(() => Scorecard)
export class ScorecardResolver {
  @Query(() => [Scorecard], { description: 'The scorecards (master data, edited in the admin), by role and validity.' })
  @Allow(performanceReaders)
  scorecards(@Ctx() ctx: RequestContext): Promise<Scorecard[]> {
    return ctx.em.find(Scorecard, {}, { orderBy: { role: 'asc', validFrom: 'desc', id: 'asc' } });
  }

  @FieldResolver(() => [ScorecardIndicator], { description: 'Its weighted indicators, in order.' })
  indicators(@Root() scorecard: Scorecard, @Ctx() ctx: RequestContext): Promise<ScorecardIndicator[]> {
    return ctx.loaders.appraisals.indicatorsByScorecardId.load(scorecard.id);
  }
}
