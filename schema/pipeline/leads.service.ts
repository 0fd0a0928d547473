import { LockMode, raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import type { RequestContext } from '../../api/context';
import { likeContains } from '../../api/database/like';
import { idempotencyKeyOf, idempotent } from '../../api/database/idempotency';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { CreateCustomerInput } from '../customers/customers.inputs';
import { customerRowScope } from '../customers/customers.policy';
import { CustomerService } from '../customers/customers.service';
import { Contact } from '../customers/entities/contact.entity';
import { Customer } from '../customers/entities/customer.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind, Role, UserStatus } from '../org/org.enums';
import { Lead } from './entities/lead.entity';
import type { Opportunity } from './entities/opportunity.entity';
import { assertNotNegative, OpportunityService } from './opportunities.service';
import { LeadStatus, OpportunityStage } from './pipeline.enums';
import { PipelineError, PipelineErrorCode, staleVersion } from './pipeline.errors';
import { LeadProgress, type AssignLeadInput, type ConvertLeadInput, type CreateLeadInput, type LeadsArgs, type UpdateLeadStatusInput } from './pipeline.inputs';
import { headsLeadUnit, leadRowScope, mayWorkLead } from './pipeline.policy';
import { msg } from '../../api/i18n';

/** Who takes leads in a round-robin: the people in the team who sell. */
const ROUND_ROBIN_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER];

/** Statuses after which a lead is done with: neither assigned, moved nor converted again. */
const FINAL_STATUSES: readonly LeadStatus[] = [LeadStatus.CONVERTED, LeadStatus.DISQUALIFIED];

export interface ConvertLeadResult {
  lead: Lead;
  customer: Customer;
  opportunity: Opportunity;
}

/** Leads: entry (also by API key), assignment (by hand or round-robin), progress, and conversion. */
export class LeadService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  leadById(id: string, em: EntityManager = this.em): Promise<Lead> {
    return findVisibleOrFail(em, Lead, { id }, leadRowScope(this.viewer), () => new PipelineError(PipelineErrorCode.LEAD_NOT_FOUND, { id }));
  }

  /** Newest first (backed by lead_created_at_id_idx). */
  leads(args: LeadsArgs, options: FindPageOptions): Promise<ConnectionShape<Lead>> {
    const filter = args.filter;
    const conditions: FilterQuery<Lead>[] = [leadRowScope(this.viewer)];
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.ownerId !== undefined && filter.ownerId !== null) conditions.push({ owner: filter.ownerId });
    if (filter?.teamId !== undefined && filter.teamId !== null) conditions.push({ team: filter.teamId });
    if (filter?.regionId !== undefined && filter.regionId !== null) conditions.push({ region: filter.regionId });
    if (filter?.source !== undefined && filter.source !== null) conditions.push({ source: filter.source });
    if (filter?.search !== undefined && filter.search !== null) {
      conditions.push({ [raw((alias) => `(${alias}.company || ' ' || ${alias}.contact_name)`)]: { $ilike: likeContains(filter.search) } });
    }
    return findPage(this.em, Lead, { $and: conditions }, args, { createdAt: 'desc', id: 'desc' }, options);
  }

  /**
   * Enters a lead. Web forms and scanners retry: with an idempotency key, the same request again returns the lead
   * the first one entered, and the key with another request is a CONFLICT (`idempotent`).
   */
  async create(input: CreateLeadInput): Promise<Lead> {
    let region: OrgUnit | null = null;
    if (input.regionId !== undefined && input.regionId !== null) {
      region = await this.em.findOne(OrgUnit, { id: input.regionId, kind: OrgUnitKind.REGION });
      if (region === null) throw UserInputError.field('input.regionId', 'is not a region');
    }
    return idempotent(this.em, {
      operation: 'createLead',
      userId: this.viewer.userId,
      key: idempotencyKeyOf(input.idempotencyKey, 'input.idempotencyKey'),
      input,
      keyField: 'idempotencyKey',
      path: 'input.idempotencyKey',
      write: async (em) => {
        const lead = em.create(Lead, {
          source: input.source,
          company: input.company.trim(),
          contactName: input.contactName.trim(),
          contactTitle: input.contactTitle?.trim() || null,
          phone: input.phone?.trim() || null,
          email: input.email?.trim().toLowerCase() || null,
          region: region === null ? null : em.getReference(OrgUnit, region.id),
          notes: input.notes?.trim() || null,
          status: LeadStatus.NEW,
          createdBy: em.getReference(User, this.viewer.userId),
        });
        await em.flush();
        return lead;
      },
      replay: (em, id) => this.leadById(id, em),
    });
  }

  /**
   * Assigns a lead, by hand (`ownerId`) or round-robin: the team is `teamId`, the lead's team, or the team of its
   * region after the one that took the region's last lead; within the team, the next rep after the one who took
   * the team's last lead (by name, then id), wrapping around. Locking the team's row makes concurrent assignments
   * take turns, so two never pick the same rep from the same "last lead".
   */
  assign(id: string, version: number, input: AssignLeadInput): Promise<Lead> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const lead = await this.leadById(id, em);
      if (!headsLeadUnit(viewer, lead)) throw new ForbiddenError('Only the heads of the lead’s team or region may assign it.');
      this.assertOpen(lead);
      await lockVersion(em, lead, version, staleVersion);

      let team: OrgUnit | null;
      let owner: User;
      if (input.ownerId !== undefined && input.ownerId !== null) {
        owner = await new CustomerService(this.ctx.withEntityManager(em)).assignableOwner(input.ownerId, 'input.ownerId');
        const ownerUnit = owner.unit === null ? null : await em.findOne(OrgUnit, owner.unit.id);
        const ownerTeam = ownerUnit?.kind === OrgUnitKind.TEAM ? ownerUnit : null;
        if (input.teamId !== undefined && input.teamId !== null && input.teamId !== ownerTeam?.id) {
          throw UserInputError.field('input.teamId', 'must be the team of the person assigned');
        }
        team = ownerTeam ?? (lead.team === null ? null : await em.findOne(OrgUnit, lead.team.id));
        if (team !== null && lead.region !== null && team.parent?.id !== lead.region.id) {
          throw UserInputError.field('input.ownerId', 'works in a team outside the lead’s region');
        }
      } else {
        team = await this.roundRobinTeam(em, lead, input.teamId ?? null);
        owner = await this.nextRep(em, team);
      }

      lead.team = team;
      lead.region ??= team?.parent ?? null;
      lead.owner = owner;
      // Taken after the team lock, so the next assignment in this team always sees a later time.
      lead.assignedAt = new Date();
      lead.status = LeadStatus.ASSIGNED;
      await flushOrStale(em, staleVersion);
      return lead;
    });
  }

  /** The team a round-robin assignment goes to, its row locked for the rest of the transaction. */
  private async roundRobinTeam(em: EntityManager, lead: Lead, teamId: string | null): Promise<OrgUnit> {
    const viewer = this.viewer;
    let chosenId: string;
    if (teamId !== null) {
      const team = await em.findOne(OrgUnit, { id: teamId, kind: OrgUnitKind.TEAM });
      if (team === null) throw UserInputError.field('input.teamId', 'is not a team');
      if (lead.region !== null && team.parent?.id !== lead.region.id) throw UserInputError.field('input.teamId', 'is not in the lead’s region');
      if (!seesWholeCompany(viewer) && !viewer.managedUnitIds.has(team.id)) throw UserInputError.field('input.teamId', 'is not a team you head');
      chosenId = team.id;
    } else if (lead.team !== null) {
      chosenId = lead.team.id;
    } else if (lead.region !== null) {
      chosenId = await this.nextTeamOfRegion(em, lead.region.id);
    } else {
      throw UserInputError.field('input.teamId', 'is required: the lead has no region to pick a team from');
    }
    const team = await em.findOne(OrgUnit, chosenId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (team === null) throw UserInputError.field('input.teamId', 'is not a team');
    return team;
  }

  /** The team of the region after the one that took the region's most recently assigned lead (by name, id). */
  private async nextTeamOfRegion(em: EntityManager, regionId: string): Promise<string> {
    // Region-wide turns are serialized on the region's row, as team turns are on the team's.
    await em.findOne(OrgUnit, regionId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const teamsOfRegion: FilterQuery<OrgUnit> = { parent: regionId, kind: OrgUnitKind.TEAM };
    const last = await em.findOne(
      Lead,
      { region: regionId, team: { $ne: null }, assignedAt: { $ne: null } },
      { orderBy: { assignedAt: 'desc', id: 'desc' }, populate: ['team'] },
    );
    const lastTeam = last?.team ?? null;
    const next =
      (lastTeam !== null
        ? await em.findOne(OrgUnit, { ...teamsOfRegion, $or: [{ name: { $gt: lastTeam.name } }, { name: lastTeam.name, id: { $gt: lastTeam.id } }] }, { orderBy: { name: 'asc', id: 'asc' } })
        : null) ?? (await em.findOne(OrgUnit, teamsOfRegion, { orderBy: { name: 'asc', id: 'asc' } }));
    if (next === null) throw UserInputError.field('input.teamId', 'is required: the lead’s region has no teams');
    return next.id;
  }

  /** The active rep of the team after the one who took the team's most recently assigned lead (by name, id). */
  private async nextRep(em: EntityManager, team: OrgUnit): Promise<User> {
    const candidates: FilterQuery<User> = { unit: team.id, status: UserStatus.ACTIVE, role: { $in: [...ROUND_ROBIN_ROLES] } };
    const last = await em.findOne(
      Lead,
      { team: team.id, owner: { $ne: null }, assignedAt: { $ne: null } },
      { orderBy: { assignedAt: 'desc', id: 'desc' }, populate: ['owner'] },
    );
    const lastOwner = last?.owner ?? null;
    const next =
      (lastOwner !== null
        ? await em.findOne(User, { ...candidates, $or: [{ name: { $gt: lastOwner.name } }, { name: lastOwner.name, id: { $gt: lastOwner.id } }] }, { orderBy: { name: 'asc', id: 'asc' } })
        : null) ?? (await em.findOne(User, candidates, { orderBy: { name: 'asc', id: 'asc' } }));
    if (next === null) throw UserInputError.field('input.teamId', msg('{{team}} has no active sales rep to assign to', { team: team.name }));
    return next;
  }

  async updateStatus(id: string, version: number, input: UpdateLeadStatusInput): Promise<Lead> {
    const lead = await this.leadById(id);
    this.assertMayWork(lead);
    this.assertOpen(lead);
    await lockVersion(this.em, lead, version, staleVersion);
    const reason = input.reason?.trim() ?? '';
    if (input.status === LeadProgress.DISQUALIFIED) {
      if (reason === '') throw new PipelineError(PipelineErrorCode.REASON_REQUIRED, { field: 'input.reason', detail: 'Say why the lead is disqualified.' });
      lead.disqualifiedReason = reason;
    }
    lead.status = LeadStatus[input.status];
    await flushOrStale(this.em, staleVersion);
    return lead;
  }

  /**
   * Converts a lead in one transaction: the customer (new, through the customer rules, or an existing one), a
   * contact from the lead's contact fields, an opportunity at CONTACT with its first history row, and the lead
   * marked CONVERTED. Any refusal (a duplicate customer, say) leaves nothing written.
   */
  convert(id: string, version: number, input: ConvertLeadInput): Promise<ConvertLeadResult> {
    const hasNew = input.customer !== undefined && input.customer !== null;
    const existingId = input.existingCustomerId ?? null;
    if (hasNew === (existingId !== null)) {
      throw new UserInputError([
        { path: 'input.customer', message: 'give either a new customer or existingCustomerId, not both' },
        { path: 'input.existingCustomerId', message: 'give either a new customer or existingCustomerId, not both' },
      ]);
    }
    assertNotNegative(input.opportunity.amount, 'input.opportunity.amount');
    const viewer = this.viewer;

    return this.em.transactional(async (em) => {
      const tx = this.ctx.withEntityManager(em);
      const lead = await this.leadById(id, em);
      this.assertMayWork(lead);
      this.assertOpen(lead);
      await lockVersion(em, lead, version, staleVersion);

      let customer: Customer;
      if (input.customer !== undefined && input.customer !== null) {
        const customerInput = Object.assign(new CreateCustomerInput(), input.customer);
        customerInput.ownerId ??= lead.owner?.id;
        customer = await new CustomerService(tx).create(customerInput, 'input.customer');
      } else {
        const existing = await em.findOne(Customer, { $and: [{ id: existingId as string }, customerRowScope(viewer)] });
        if (existing === null) throw UserInputError.field('input.existingCustomerId', 'no such customer is visible to you');
        customer = existing;
      }

      const hasPrimaryContact = hasNew ? false : (await em.count(Contact, { customer: customer.id, isPrimary: true })) > 0;
      em.create(Contact, {
        customer,
        name: lead.contactName,
        title: lead.contactTitle,
        phone: lead.phone,
        email: lead.email,
        isPrimary: !hasPrimaryContact,
      });

      const opportunity = await new OpportunityService(tx).open({
        customer,
        owner: lead.owner ?? em.getReference(User, viewer.userId),
        name: input.opportunity.name,
        amount: input.opportunity.amount,
        currency: 'CNY',
        expectedCloseDate: input.opportunity.expectedCloseDate ?? null,
        stage: OpportunityStage.CONTACT,
        productLineIds: input.opportunity.productLineIds ?? [],
        nextStep: null,
        path: 'input.opportunity',
      });

      lead.status = LeadStatus.CONVERTED;
      lead.convertedCustomer = customer;
      lead.convertedOpportunity = opportunity;
      await flushOrStale(em, staleVersion);
      return { lead, customer, opportunity };
    });
  }

  private assertMayWork(lead: Lead): void {
    if (!mayWorkLead(this.viewer, lead)) {
      throw new ForbiddenError('Only the lead’s owner and the owner’s managers (for an unassigned lead, the heads of its team or region) may do this.');
    }
  }

  private assertOpen(lead: Lead): void {
    if (FINAL_STATUSES.includes(lead.status)) throw new PipelineError(PipelineErrorCode.LEAD_ALREADY_CONVERTED, { id: lead.id, status: lead.status });
  }
}
