import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import { nextNumber } from '../../api/database/sequences';
import { likeContains } from '../../api/database/like';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { filterOnGuardedField } from '../../api/permissions/field-guard';
import { managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { SalesChannel } from '../catalog/catalog.enums';
import { Distributor } from '../channels/distributor.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind, Role, SALES_LINE_ROLES, UserStatus } from '../org/org.enums';
import { COMPLAINT_SLA_HOURS, ComplaintStatus, CustomerTier } from './customers.enums';
import { CustomerError, CustomerErrorCode } from './customers.errors';
import {
  CustomerOrder,
  type ComplaintsArgs,
  type CreateContactInput,
  type CreateCustomerInput,
  type ContactInput,
  type CustomersArgs,
  type LogVisitInput,
  type OpenComplaintInput,
  type RecordSurveyInput,
  type UpdateComplaintInput,
  type UpdateCustomerInput,
  type VisitsArgs,
} from './customers.inputs';
import { OPEN_COMPLAINT_STATUSES } from './customers.loaders';
import { complaintRowScope, contactRowScope, customerRowScope, mayChangeTier, surveyRowScope, visitRowScope } from './customers.policy';
import { Complaint } from './entities/complaint.entity';
import { Contact } from './entities/contact.entity';
import { SatisfactionSurvey } from './entities/satisfaction-survey.entity';
import { Visit } from './entities/visit.entity';
import { Customer } from './entities/customer.entity';
import { msg } from '../../api/i18n';


/**
 * The key duplicate detection compares: the name in NFKC form (full-width letters and brackets folded), lower
 * case, without white space, punctuation or symbols. "华信（上海）有限公司" and "华信(上海) 有限公司" collide.
 */
export function customerNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Roles that register customer service events (complaints, surveys) besides the sales roles. */
const SERVICE_ROLES: readonly Role[] = [Role.CUSTOMER_SERVICE, Role.TECH_SUPPORT];

const CUSTOMER_ORDERS: Record<CustomerOrder, Record<string, 'asc' | 'desc'>> = {
  [CustomerOrder.NAME_ASC]: { name: 'asc', id: 'asc' },
  [CustomerOrder.CREATED_AT_DESC]: { createdAt: 'desc', id: 'desc' },
};

const HOUR = 60 * 60 * 1000;

function cleanTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}

/** Customers and their records, read in the viewer's scope and written with the checks of the sales rules. */
export class CustomerService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  /**
   * Who a new record may be assigned to: the viewer, someone they manage, or (VP, admins) any active sales user.
   * `path` names the input field in errors.
   */
  async assignableOwner(ownerId: string | undefined, path: string): Promise<User> {
    const viewer = this.viewer;
    const id = ownerId ?? viewer.userId;
    if (id !== viewer.userId && !seesWholeCompany(viewer) && !managesUser(viewer, id)) {
      throw UserInputError.field(path, 'must be you or someone you manage');
    }
    const owner = await this.em.findOne(User, { id, status: UserStatus.ACTIVE, role: { $in: [...SALES_LINE_ROLES] } });
    if (owner === null) throw UserInputError.field(path, 'is not an active sales user');
    return owner;
  }

  async create(input: CreateCustomerInput, path = 'input'): Promise<Customer> {
    const viewer = this.viewer;
    const name = input.name.trim();
    const nameKey = customerNameKey(name);
    if (nameKey.length === 0) throw UserInputError.field(`${path}.name`, 'must contain letters or digits');
    const taxId = input.taxId?.trim().toUpperCase() || null;

    const region = await this.em.findOne(OrgUnit, { id: input.regionId, kind: OrgUnitKind.REGION });
    if (region === null) throw UserInputError.field(`${path}.regionId`, 'is not a region');
    const owner = await this.assignableOwner(input.ownerId, `${path}.ownerId`);

    let keyAccountManager: User | null = null;
    if (input.keyAccountManagerId !== undefined && input.keyAccountManagerId !== null) {
      keyAccountManager = await this.em.findOne(User, { id: input.keyAccountManagerId, role: Role.KEY_ACCOUNT_MANAGER, status: UserStatus.ACTIVE });
      if (keyAccountManager === null) throw UserInputError.field(`${path}.keyAccountManagerId`, 'is not an active key account manager');
    }

    let distributor: Distributor | null = null;
    if (input.channel === SalesChannel.DISTRIBUTOR) {
      if (input.distributorId === undefined || input.distributorId === null) {
        throw UserInputError.field(`${path}.distributorId`, 'is required for the DISTRIBUTOR channel');
      }
      distributor = await this.em.findOne(Distributor, { id: input.distributorId }, { populate: ['regions'] });
      if (distributor === null) throw UserInputError.field(`${path}.distributorId`, 'no such distributor');
      if (!distributor.regions.getIdentifiers<string>().includes(region.id)) {
        throw UserInputError.field(`${path}.distributorId`, 'does not hold this region');
      }
    } else if (input.distributorId !== undefined && input.distributorId !== null) {
      throw UserInputError.field(`${path}.distributorId`, 'is only for the DISTRIBUTOR channel');
    }

    const tier = input.tier ?? CustomerTier.C;
    if (tier !== CustomerTier.C && !seesWholeCompany(viewer) && !(managesUser(viewer, owner.id) && owner.id !== viewer.userId)) {
      throw new CustomerError(CustomerErrorCode.TIER_CHANGE_NOT_ALLOWED, { field: `${path}.tier` });
    }
    const creditLimit = input.creditLimit ?? '0';
    if (new Decimal(creditLimit).isNegative()) throw UserInputError.field(`${path}.creditLimit`, 'must not be negative');
    if (input.creditLimit !== undefined && input.creditLimit !== null && !isCreditManager(viewer, owner)) {
      throw new ForbiddenError('Only finance and the owner’s management chain may set a credit limit.');
    }

    await this.assertNotDuplicate(region.id, nameKey, taxId, path);
    const customer = this.em.create(Customer, {
      code: await nextNumber(this.em, 'customer_code_seq', 'C'),
      name,
      nameKey,
      taxId,
      industry: input.industry?.trim() || null,
      region,
      address: input.address?.trim() || null,
      tier,
      lifecycleStage: input.lifecycleStage,
      channel: input.channel,
      distributor,
      owner,
      keyAccountManager,
      creditLimit,
      tags: cleanTags(input.tags ?? []),
    });
    try {
      await this.em.flush();
    } catch (error) {
      // Two people registering the same company at once: the unique indexes decide.
      if (error instanceof UniqueConstraintViolationException) {
        this.em.clear();
        await this.assertNotDuplicate(region.id, nameKey, taxId, path);
      }
      throw error;
    }
    return customer;
  }

  /**
   * CONFLICT when the region already has a customer with this name key or tax id. The existing record is named
   * only when the viewer may see it; otherwise the error says it exists and whom to ask, and nothing more.
   */
  private async assertNotDuplicate(regionId: string, nameKey: string, taxId: string | null, path: string, exceptId?: string): Promise<void> {
    const sameIdentity: FilterQuery<Customer>[] = [{ nameKey }];
    if (taxId !== null) sameIdentity.push({ taxId });
    const where: FilterQuery<Customer> = { region: regionId, $or: sameIdentity };
    if (exceptId !== undefined) where.id = { $ne: exceptId };
    const existing = await this.em.findOne(Customer, where, { fields: ['id', 'code', 'name', 'nameKey', 'taxId'] });
    if (existing === null) return;
    const field = existing.nameKey === nameKey ? `${path}.name` : `${path}.taxId`;
    const visible = await this.em.count(Customer, { $and: [{ id: existing.id }, customerRowScope(this.viewer)] });
    if (visible > 0) {
      throw new CustomerError(CustomerErrorCode.DUPLICATE_CUSTOMER, { field, existing: { id: existing.id, code: existing.code, name: existing.name } });
    }
    throw new CustomerError(CustomerErrorCode.DUPLICATE_CUSTOMER, {
      field,
      existing: null,
      hint: 'The existing customer is owned outside your view; ask your manager to reassign or share it.',
    });
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────────────────────

  customerById(id: string): Promise<Customer> {
    return findVisibleOrFail(this.em, Customer, { id }, customerRowScope(this.viewer), () => new CustomerError(CustomerErrorCode.CUSTOMER_NOT_FOUND, { id }));
  }

  async customers(args: CustomersArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Customer>> {
    const viewer = this.viewer;
    const filter = args.filter;
    const conditions: FilterQuery<Customer>[] = [customerRowScope(viewer)];
    if (filter?.search !== undefined) {
      conditions.push({ $or: [{ name: { $ilike: likeContains(filter.search) } }, { code: filter.search.trim().toUpperCase() }] });
    }
    if (filter?.ownerIds !== undefined && filter.ownerIds !== null) conditions.push({ owner: { $in: filter.ownerIds } });
    if (filter?.teamId !== undefined && filter.teamId !== null) {
      const unit = await this.em.findOne(OrgUnit, filter.teamId, { fields: ['path'] });
      if (unit === null) throw UserInputError.field('filter.teamId', 'no such org unit');
      conditions.push({ owner: { unit: { path: { $like: `${unit.path}%` } } } });
    }
    if (filter?.regionId !== undefined && filter.regionId !== null) conditions.push({ region: filter.regionId });
    if (filter?.tiers !== undefined && filter.tiers !== null) {
      conditions.push(filterOnGuardedField(viewer, Customer, 'tier', { tier: { $in: filter.tiers } }));
    }
    if (filter?.lifecycleStages !== undefined && filter.lifecycleStages !== null) conditions.push({ lifecycleStage: { $in: filter.lifecycleStages } });
    if (filter?.industry !== undefined && filter.industry !== null) conditions.push({ industry: filter.industry });
    if (filter?.tag !== undefined && filter.tag !== null) conditions.push(filterOnGuardedField(viewer, Customer, 'tags', { tags: { $contains: [filter.tag] } }));
    if (filter?.creditLimitMin !== undefined && filter.creditLimitMin !== null) {
      conditions.push(filterOnGuardedField(viewer, Customer, 'creditLimit', { creditLimit: { $gte: filter.creditLimitMin } }));
    }
    return findPage(this.em, Customer, { $and: conditions }, args, CUSTOMER_ORDERS[args.orderBy] as never, options);
  }

  visits(args: VisitsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Visit>> {
    const filter = args.filter;
    const conditions: FilterQuery<Visit>[] = [visitRowScope(this.viewer)];
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.visitedById !== undefined && filter.visitedById !== null) conditions.push({ visitedBy: filter.visitedById });
    if (filter?.from !== undefined && filter.from !== null) conditions.push({ visitedOn: { $gte: filter.from } });
    if (filter?.to !== undefined && filter.to !== null) conditions.push({ visitedOn: { $lte: filter.to } });
    return findPage(this.em, Visit, { $and: conditions }, args, { visitedOn: 'desc', id: 'desc' }, options);
  }

  complaints(args: ComplaintsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<Complaint>> {
    const filter = args.filter;
    const conditions: FilterQuery<Complaint>[] = [complaintRowScope(this.viewer)];
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.severity !== undefined && filter.severity !== null) conditions.push({ severity: filter.severity });
    if (filter?.overdue === true) conditions.push({ status: { $in: OPEN_COMPLAINT_STATUSES }, slaDueAt: { $lt: new Date() } });
    if (filter?.overdue === false) conditions.push({ $or: [{ status: { $nin: OPEN_COMPLAINT_STATUSES } }, { slaDueAt: { $gte: new Date() } }] });
    return findPage(this.em, Complaint, { $and: conditions }, args, { slaDueAt: 'asc', id: 'asc' }, options);
  }

  surveys(customerId: string): Promise<SatisfactionSurvey[]> {
    return this.em.find(SatisfactionSurvey, { $and: [{ customer: customerId }, surveyRowScope(this.viewer)] }, { orderBy: { surveyedAt: 'desc', id: 'desc' } });
  }

  // ── writes ───────────────────────────────────────────────────────────────────────────────────────────────

  /** A customer the viewer sees, as the target of a write: foreign or hidden ids are bad input at `path`. */
  private async visibleCustomer(em: EntityManager, id: string, path: string): Promise<Customer> {
    const customer = await em.findOne(Customer, { $and: [{ id }, customerRowScope(this.viewer)] });
    if (customer === null) throw UserInputError.field(path, 'no such customer');
    return customer;
  }

  private async contactOf(em: EntityManager, customer: Customer, contactId: string | undefined | null, path: string): Promise<Contact | null> {
    if (contactId === undefined || contactId === null) return null;
    const contact = await em.findOne(Contact, { id: contactId, customer: customer.id });
    if (contact === null) throw UserInputError.field(path, 'is not a contact of this customer');
    return contact;
  }

  /** Owners, their chain, the VP and admins may edit a customer's record; others may only read it. */
  private assertMayEdit(customer: Customer): void {
    const viewer = this.viewer;
    if (seesWholeCompany(viewer) || customer.owner.id === viewer.userId || managesUser(viewer, customer.owner.id)) return;
    throw new ForbiddenError('Only the owner, the owner’s management chain, the VP and admins may change this customer.');
  }

  async update(id: string, version: number, input: UpdateCustomerInput): Promise<Customer> {
    return this.em.transactional(async (em) => {
      const service = new CustomerService(this.ctx.withEntityManager(em));
      const customer = await service.customerById(id);
      this.assertMayEdit(customer);
      await lockVersion(em, customer, version, staleVersion);
      if (input.name !== undefined || input.taxId !== undefined) {
        const name = input.name?.trim() ?? customer.name;
        const nameKey = customerNameKey(name);
        if (nameKey.length === 0) throw UserInputError.field('input.name', 'must contain letters or digits');
        const taxId = input.taxId === undefined ? customer.taxId : input.taxId?.trim().toUpperCase() || null;
        await service.assertNotDuplicate(customer.region.id, nameKey, taxId, 'input', customer.id);
        Object.assign(customer, { name, nameKey, taxId });
      }
      if (input.industry !== undefined) customer.industry = input.industry?.trim() || null;
      if (input.address !== undefined) customer.address = input.address?.trim() || null;
      if (input.lifecycleStage !== undefined && input.lifecycleStage !== null) customer.lifecycleStage = input.lifecycleStage;
      if (input.tags !== undefined && input.tags !== null) customer.tags = cleanTags(input.tags);
      if (input.latitude !== undefined || input.longitude !== undefined) {
        const latitude = input.latitude !== undefined ? input.latitude : customer.latitude;
        const longitude = input.longitude !== undefined ? input.longitude : customer.longitude;
        if ((latitude === null) !== (longitude === null)) {
          throw UserInputError.field(latitude === null ? 'input.latitude' : 'input.longitude', 'latitude and longitude go together');
        }
        Object.assign(customer, { latitude, longitude });
      }
      if (input.keyAccountManagerId !== undefined) {
        customer.keyAccountManager = input.keyAccountManagerId === null ? null : await em.findOne(User, { id: input.keyAccountManagerId, role: Role.KEY_ACCOUNT_MANAGER, status: UserStatus.ACTIVE });
        if (input.keyAccountManagerId !== null && customer.keyAccountManager === null) {
          throw UserInputError.field('input.keyAccountManagerId', 'is not an active key account manager');
        }
      }
      if (input.ownerId !== undefined && input.ownerId !== null && input.ownerId !== customer.owner.id) {
        const viewer = this.viewer;
        if (!seesWholeCompany(viewer) && !(managesUser(viewer, customer.owner.id) && customer.owner.id !== viewer.userId)) {
          throw new ForbiddenError('Only the owner’s management chain may reassign a customer.');
        }
        customer.owner = await service.assignableOwner(input.ownerId, 'input.ownerId');
      }
      await flushOrStale(em, staleVersion);
      return customer;
    });
  }

  async setTier(id: string, version: number, tier: CustomerTier): Promise<Customer> {
    return this.em.transactional(async (em) => {
      const customer = await new CustomerService(this.ctx.withEntityManager(em)).customerById(id);
      if (!mayChangeTier(this.viewer, customer)) throw new CustomerError(CustomerErrorCode.TIER_CHANGE_NOT_ALLOWED, { field: 'tier' });
      await lockVersion(em, customer, version, staleVersion);
      customer.tier = tier;
      await flushOrStale(em, staleVersion);
      return customer;
    });
  }

  async setCreditLimit(id: string, version: number, creditLimit: string): Promise<Customer> {
    if (new Decimal(creditLimit).isNegative()) throw UserInputError.field('creditLimit', 'must not be negative');
    return this.em.transactional(async (em) => {
      const customer = await new CustomerService(this.ctx.withEntityManager(em)).customerById(id);
      if (!isCreditManager(this.viewer, customer.owner)) {
        throw new ForbiddenError('Only finance and the owner’s management chain may set a credit limit.');
      }
      await lockVersion(em, customer, version, staleVersion);
      customer.creditLimit = new Decimal(creditLimit).toFixed(2);
      await flushOrStale(em, staleVersion);
      return customer;
    });
  }

  async createContact(input: CreateContactInput): Promise<Contact> {
    if (input.name === undefined || input.name === null) throw UserInputError.field('input.name', 'is required');
    return this.em.transactional(async (em) => {
      const customer = await this.visibleCustomer(em, input.customerId, 'input.customerId');
      this.assertMayEdit(customer);
      const contact = em.create(Contact, { customer, name: input.name!.trim() });
      await this.applyContact(em, contact, input);
      await em.flush();
      return contact;
    });
  }

  async updateContact(id: string, version: number, input: ContactInput): Promise<Contact> {
    return this.em.transactional(async (em) => {
      const contact = await findVisibleOrFail(em, Contact, { id }, contactRowScope(this.viewer), () => new CustomerError(CustomerErrorCode.CONTACT_NOT_FOUND, { id }));
      this.assertMayEdit(await em.findOneOrFail(Customer, contact.customer.id));
      await lockVersion(em, contact, version, staleVersion);
      if (input.name !== undefined && input.name !== null) contact.name = input.name.trim();
      await this.applyContact(em, contact, input);
      await flushOrStale(em, staleVersion);
      return contact;
    });
  }

  /** The optional contact fields; a new primary contact takes the flag from the customer's previous one. */
  private async applyContact(em: EntityManager, contact: Contact, input: ContactInput): Promise<void> {
    if (input.title !== undefined) contact.title = input.title?.trim() || null;
    if (input.phone !== undefined) contact.phone = input.phone?.trim() || null;
    if (input.email !== undefined) contact.email = input.email?.trim().toLowerCase() || null;
    if (input.decisionRole !== undefined && input.decisionRole !== null) contact.decisionRole = input.decisionRole;
    if (input.isPrimary === true && !contact.isPrimary) {
      const others = await em.find(Contact, { customer: contact.customer.id, isPrimary: true, id: { $ne: contact.id } });
      for (const other of others) other.isPrimary = false;
      contact.isPrimary = true;
    } else if (input.isPrimary === false) {
      contact.isPrimary = false;
    }
  }

  /**
   * A visit form (走访表). With `accompaniedById`, a joint visit form (协访表): the companion must head a unit above
   * the visitor (their team manager, director or the VP).
   */
  async logVisit(input: LogVisitInput): Promise<Visit> {
    const viewer = this.viewer;
    const today = new Date().toISOString().slice(0, 10);
    if (input.visitedOn > today) throw UserInputError.field('input.visitedOn', 'must not be in the future');
    if (input.nextVisitOn !== undefined && input.nextVisitOn !== null && input.nextVisitOn < input.visitedOn) {
      throw UserInputError.field('input.nextVisitOn', 'must not be before the visit');
    }
    return this.em.transactional(async (em) => {
      const customer = await this.visibleCustomer(em, input.customerId, 'input.customerId');
      const contact = await this.contactOf(em, customer, input.contactId, 'input.contactId');
      let accompaniedBy: User | null = null;
      if (input.accompaniedById !== undefined && input.accompaniedById !== null) {
        accompaniedBy = await em.findOne(User, { id: input.accompaniedById, status: UserStatus.ACTIVE });
        const visitorUnit = viewer.unitId === null ? null : await em.findOne(OrgUnit, viewer.unitId, { fields: ['path'] });
        const companionHeads = accompaniedBy === null ? [] : await em.find(OrgUnit, { head: accompaniedBy.id }, { fields: ['path'] });
        const isAbove = accompaniedBy !== null && accompaniedBy.id !== viewer.userId && visitorUnit !== null
          && companionHeads.some((unit) => visitorUnit.path.startsWith(unit.path));
        if (!isAbove) throw UserInputError.field('input.accompaniedById', 'must be a manager above you (team manager, director or the VP)');
      }
      const visit = em.create(Visit, {
        customer,
        contact,
        visitedBy: em.getReference(User, viewer.userId),
        accompaniedBy,
        visitedOn: input.visitedOn,
        purpose: input.purpose.trim(),
        outcome: input.outcome?.trim() || null,
        nextStep: input.nextStep?.trim() || null,
        nextVisitOn: input.nextVisitOn ?? null,
      });
      await em.flush();
      return visit;
    });
  }

  async openComplaint(input: OpenComplaintInput): Promise<Complaint> {
    return this.em.transactional(async (em) => {
      const customer = await this.visibleCustomer(em, input.customerId, 'input.customerId');
      const contact = await this.contactOf(em, customer, input.contactId, 'input.contactId');
      const openedAt = new Date();
      const complaint = em.create(Complaint, {
        customer,
        contact,
        title: input.title.trim(),
        description: input.description.trim(),
        severity: input.severity,
        reportedBy: em.getReference(User, this.viewer.userId),
        handler: SERVICE_ROLES.includes(this.viewer.role) ? em.getReference(User, this.viewer.userId) : null,
        openedAt,
        slaDueAt: new Date(openedAt.getTime() + COMPLAINT_SLA_HOURS[input.severity] * HOUR),
      });
      await em.flush();
      return complaint;
    });
  }

  async updateComplaint(id: string, version: number, input: UpdateComplaintInput): Promise<Complaint> {
    return this.em.transactional(async (em) => {
      const complaint = await findVisibleOrFail(em, Complaint, { id }, complaintRowScope(this.viewer), () => new CustomerError(CustomerErrorCode.COMPLAINT_NOT_FOUND, { id }));
      await lockVersion(em, complaint, version, staleVersion);
      if (input.resolution !== undefined && input.resolution !== null) complaint.resolution = input.resolution.trim();
      if (input.handlerId !== undefined && input.handlerId !== null) {
        const handler = await em.findOne(User, { id: input.handlerId, status: UserStatus.ACTIVE, role: { $nin: [Role.PARTNER, Role.INTEGRATION] } });
        if (handler === null) throw UserInputError.field('input.handlerId', 'is not an active internal user');
        complaint.handler = handler;
      }
      if (input.status !== undefined && input.status !== null) {
        const closing = input.status === ComplaintStatus.RESOLVED || input.status === ComplaintStatus.CLOSED;
        if (closing && (complaint.resolution === null || complaint.resolution === '')) {
          throw UserInputError.field('input.resolution', msg('is required to mark the complaint {{status}}', { status: input.status }));
        }
        if (closing && complaint.resolvedAt === null) complaint.resolvedAt = new Date();
        if (!closing) complaint.resolvedAt = null;
        complaint.status = input.status;
      }
      await flushOrStale(em, staleVersion);
      return complaint;
    });
  }

  async recordSurvey(input: RecordSurveyInput): Promise<SatisfactionSurvey> {
    return this.em.transactional(async (em) => {
      const customer = await this.visibleCustomer(em, input.customerId, 'input.customerId');
      const contact = await this.contactOf(em, customer, input.contactId, 'input.contactId');
      let complaint: Complaint | null = null;
      if (input.complaintId !== undefined && input.complaintId !== null) {
        complaint = await em.findOne(Complaint, { id: input.complaintId, customer: customer.id });
        if (complaint === null) throw UserInputError.field('input.complaintId', 'is not a complaint of this customer');
      }
      const survey = em.create(SatisfactionSurvey, {
        customer,
        contact,
        complaint,
        score: input.score,
        comment: input.comment?.trim() || null,
        recordedBy: em.getReference(User, this.viewer.userId),
      });
      await em.flush();
      return survey;
    });
  }
}

/** The customers module's answer to a stale version. */
const staleVersion = () => new CustomerError(CustomerErrorCode.STALE_VERSION, { field: 'version' });

/** The people who may set a customer's credit limit: those who may read it (finance, the owner's chain). */
export function isCreditManager(viewer: Viewer, owner: User): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE || managesUser(viewer, owner.id);
}
