import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { nextNumber } from '../../api/database/sequences';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { managesUser, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { SalesChannel } from '../catalog/catalog.enums';
import { Distributor } from '../channels/distributor.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind, Role, UserStatus } from '../org/org.enums';
import { CustomerTier } from './customers.enums';
import { CustomerError, CustomerErrorCode } from './customers.errors';
import type { CreateCustomerInput } from './customers.inputs';
import { customerRowScope } from './customers.policy';
import { Customer } from './entities/customer.entity';

/** Roles that own customers and deals. */
export const SALES_OWNER_ROLES: readonly Role[] = [
  Role.SALES_REP,
  Role.KEY_ACCOUNT_MANAGER,
  Role.TEAM_MANAGER,
  Role.REGIONAL_DIRECTOR,
  Role.SALES_VP,
];

/**
 * The key duplicate detection compares: the name in NFKC form (full-width letters and brackets folded), lower
 * case, without white space, punctuation or symbols. "华信（上海）有限公司" and "华信(上海) 有限公司" collide.
 */
export function customerNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
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
    const owner = await this.em.findOne(User, { id, status: UserStatus.ACTIVE, role: { $in: [...SALES_OWNER_ROLES] } });
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
      tags: [...new Set((input.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag.length > 0))],
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
  private async assertNotDuplicate(regionId: string, nameKey: string, taxId: string | null, path: string): Promise<void> {
    const sameIdentity: FilterQuery<Customer>[] = [{ nameKey }];
    if (taxId !== null) sameIdentity.push({ taxId });
    const existing = await this.em.findOne(Customer, { region: regionId, $or: sameIdentity }, { fields: ['id', 'code', 'name', 'nameKey', 'taxId'] });
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
}

/** The people who may set a customer's credit limit: those who may read it (finance, the owner's chain). */
export function isCreditManager(viewer: Viewer, owner: User): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE || managesUser(viewer, owner.id);
}
