import { LockMode, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { visitRowScope } from '../customers/customers.policy';
import { Contact } from '../customers/entities/contact.entity';
import { Customer } from '../customers/entities/customer.entity';
import { Visit } from '../customers/entities/visit.entity';
import { User } from '../org/entities/user.entity';
import { OpportunityFollowUp } from './entities/opportunity-follow-up.entity';
import { Opportunity } from './entities/opportunity.entity';
import { FOLLOW_UP_ORDER } from './follow-ups.loaders';
import type { FollowUpsArgs, LogFollowUpInput } from './follow-ups.inputs';
import { followUpRowScope } from './follow-ups.policy';
import { PipelineError, PipelineErrorCode } from './pipeline.errors';
import { mayWorkOpportunity, opportunityRowScope } from './pipeline.policy';

/** Device clocks run a little ahead: an entry up to this far in the future is taken as now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The follow-up log of opportunities (F4): read with the opportunity, written by those who work the deal. */
export class FollowUpService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  followUps(args: FollowUpsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<OpportunityFollowUp>> {
    const where: FilterQuery<OpportunityFollowUp> = { $and: [{ opportunity: args.opportunityId }, followUpRowScope(this.viewer)] };
    return findPage(this.em, OpportunityFollowUp, where, args, FOLLOW_UP_ORDER, options);
  }

  /**
   * Adds an entry. When it carries a next step, the opportunity's `nextStep`/`nextStepDate` become those of its
   * latest entry that carries one (a back-dated entry does not displace a newer one), in the same transaction; the
   * opportunity row is locked meanwhile so two entries at once cannot leave the older one's step.
   */
  async logFollowUp(input: LogFollowUpInput): Promise<OpportunityFollowUp> {
    const now = Date.now();
    const occurredAt = input.occurredAt ?? new Date(now);
    if (occurredAt.getTime() > now + CLOCK_SKEW_MS) throw UserInputError.field('input.occurredAt', 'must not be in the future');
    const nextStep = input.nextStep?.trim() || null;
    const nextStepDate = input.nextStepDate ?? null;
    if (nextStepDate !== null && nextStep === null) throw UserInputError.field('input.nextStep', 'is required with a next-step date');
    return this.em.transactional(async (em) => {
      const opportunity = await findVisibleOrFail(em, Opportunity, { id: input.opportunityId }, opportunityRowScope(this.viewer), () =>
        new PipelineError(PipelineErrorCode.OPPORTUNITY_NOT_FOUND, { field: 'input.opportunityId' }),
      );
      const customer = await em.findOneOrFail(Customer, opportunity.customer.id, { fields: ['id', 'keyAccountManager'] });
      if (!mayWorkOpportunity(this.viewer, opportunity.owner.id, customer.keyAccountManager?.id ?? null)) {
        throw new ForbiddenError('Only those who work the opportunity (its owner, the owner’s chain, the key account manager) log its follow-ups.');
      }
      let contact: Contact | null = null;
      if (input.contactId !== undefined && input.contactId !== null) {
        contact = await em.findOne(Contact, { id: input.contactId, customer: customer.id });
        if (contact === null) throw UserInputError.field('input.contactId', 'is not a contact of this customer');
      }
      let visit: Visit | null = null;
      if (input.visitId !== undefined && input.visitId !== null) {
        visit = await em.findOne(Visit, { $and: [{ id: input.visitId, customer: customer.id }, visitRowScope(this.viewer)] });
        if (visit === null) throw UserInputError.field('input.visitId', 'is not a visit to this customer');
      }
      const followUp = em.create(OpportunityFollowUp, {
        opportunity,
        author: em.getReference(User, this.viewer.userId),
        occurredAt,
        kind: input.kind,
        summary: input.summary.trim(),
        contact,
        visit,
        nextStep,
        nextStepDate,
      });
      await em.flush();
      if (nextStep !== null) {
        await em.findOneOrFail(Opportunity, opportunity.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        const latest = await em.findOneOrFail(OpportunityFollowUp, { opportunity: opportunity.id, nextStep: { $ne: null } }, { orderBy: FOLLOW_UP_ORDER });
        if (opportunity.nextStep !== latest.nextStep || opportunity.nextStepDate !== latest.nextStepDate) {
          opportunity.nextStep = latest.nextStep;
          opportunity.nextStepDate = latest.nextStepDate;
          await em.flush();
        }
      }
      return followUp;
    });
  }
}
