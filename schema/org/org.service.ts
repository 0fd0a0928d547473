import { raw, type FilterQuery } from '@mikro-orm/postgresql';
import { generateApiKey } from '../../api/auth/api-key-secret';
import type { ApiScope } from '../../api/auth/api-scopes';
import type { AppConfig } from '../../api/config';
import { RequestContext } from '../../api/context';
import { likeContains } from '../../api/database/like';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape } from '../../api/pagination';
import { filterOnGuardedField } from '../../api/permissions/field-guard';
import type { Viewer } from '../../api/permissions/viewer';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Distributor, DistributorStatus } from '../channels/distributor.entity';
import { ApiKey } from './entities/api-key.entity';
import { ApprovalLimit } from './entities/approval-limit.entity';
import { OrgUnit } from './entities/org-unit.entity';
import { User } from './entities/user.entity';
import { Role, UserStatus, type OrgUnitKind } from './org.enums';
import { OrgError, OrgErrorCode } from './org.errors';
import type { CreateApiKeyInput, UsersArgs } from './org.inputs';
import { UserOrder } from './org.inputs';
import { apiKeyRowScope, managedUsersScope, orgUnitRowScope, userRowScope } from './org.policy';


/** What a credential adds to the user it belongs to. */
export interface CredentialGrant {
  scopes: ReadonlySet<ApiScope> | null;
  apiKeyId: string | null;
  /** A bearer token's session: the viewer exists only while it is not revoked. */
  sessionId?: string | null;
}

/**
 * The viewer for an active user: their role, unit, the subtrees they head and, for partners, their distributor's
 * regions. Null when the user does not exist or is inactive, or the grant's session was revoked. A partner whose
 * distributor is suspended or terminated is refused outright (FORBIDDEN with the reason), so a client can tell them
 * why rather than ask them to sign in again.
 */
export async function loadViewer(em: EntityManager, userId: string, grant: CredentialGrant): Promise<Viewer | null> {
  const sessionId = grant.sessionId ?? null;
  // One statement for every request: the user, their session, the subtrees they head, and the units and users inside those.
  const [user] = await em.execute<ViewerRow[]>(
    `select u.id, u.role, u.unit_id, u.distributor_id, d.status as distributor_status,
            coalesce(array_agg(distinct h.path) filter (where h.path is not null), '{}') as headed_paths,
            coalesce(array_agg(distinct o.id::text) filter (where o.id is not null), '{}') as unit_ids,
            coalesce(array_agg(distinct m.id::text) filter (where m.id is not null), '{}') as user_ids
       from app_user u
       left join distributor d on d.id = u.distributor_id
       left join org_unit h on h.head_id = u.id
       left join org_unit o on o.path like h.path || '%'
       left join app_user m on m.unit_id = o.id
      where u.id = ? and u.status = ?
        and (?::uuid is null or exists (select 1 from auth_session s where s.id = ?::uuid and s.user_id = u.id and s.revoked_at is null))
      group by u.id, d.status`,
    [userId, UserStatus.ACTIVE, sessionId, sessionId],
  );
  if (user === undefined) return null;
  if (user.role === Role.PARTNER) assertDistributorActive(user.distributor_status);
  let distributorRegionIds: string[] = [];
  if (user.role === Role.PARTNER && user.distributor_id !== null) {
    const distributor = await em.findOne(Distributor, user.distributor_id, { populate: ['regions'] });
    distributorRegionIds = distributor?.regions.getIdentifiers<string>() ?? [];
  }
  return {
    userId: user.id,
    role: user.role,
    unitId: user.unit_id,
    headedUnitPaths: user.headed_paths,
    managedUserIds: new Set(user.user_ids),
    managedUnitIds: new Set(user.unit_ids),
    distributorId: user.distributor_id,
    distributorRegionIds,
    scopes: grant.scopes,
    apiKeyId: grant.apiKeyId,
    sessionId,
  };
}

/** Partner users work only while their distributor is ACTIVE; 403, since the credentials themselves are fine. */
export function assertDistributorActive(status: DistributorStatus | null): void {
  if (status === DistributorStatus.SUSPENDED) throw new OrgError(OrgErrorCode.DISTRIBUTOR_SUSPENDED, { http: { status: 403 } });
  if (status === DistributorStatus.TERMINATED) throw new OrgError(OrgErrorCode.DISTRIBUTOR_TERMINATED, { http: { status: 403 } });
}

/** Whether an error is the refusal of a partner whose distributor no longer trades. */
export function isDistributorRefusal(error: unknown): boolean {
  return error instanceof OrgError && [OrgErrorCode.DISTRIBUTOR_SUSPENDED, OrgErrorCode.DISTRIBUTOR_TERMINATED].includes(error.extensions.reason as OrgErrorCode);
}

/**
 * A context acting as a user with no credential of their own: work done on their behalf outside a request (demo
 * quotes made as their owners, webhooks filtered by their endpoint owner's permissions). Null for an inactive user
 * or a partner whose distributor is suspended or terminated.
 */
export async function contextActingAs(em: EntityManager, config: AppConfig, log: Logger, userId: string): Promise<RequestContext | null> {
  try {
    const viewer = await loadViewer(em, userId, { scopes: null, apiKeyId: null });
    return viewer === null ? null : new RequestContext(em, config, log, viewer);
  } catch (error) {
    if (isDistributorRefusal(error)) return null;
    throw error;
  }
}

/**
 * The management chain above a user: the active heads of the org units containing the user's unit, nearest first
 * (team → region → company), without the user themself and each head once. Whoever approves for the user — a
 * discount, a contract — is found on it.
 */
export async function managementChainOf(em: EntityManager, user: Pick<User, 'id' | 'unit'>): Promise<User[]> {
  if (user.unit === null) return [];
  const unit = await em.findOneOrFail(OrgUnit, user.unit.id);
  const unitIds = unit.path.split('/').filter((segment) => segment !== '');
  const units = await em.find(OrgUnit, { id: { $in: unitIds } }, { populate: ['head'], orderBy: { depth: 'desc' } });
  const chain: User[] = [];
  for (const head of units.map((each) => each.head)) {
    if (head === null || head.id === user.id || head.status !== UserStatus.ACTIVE) continue;
    if (!chain.some((known) => known.id === head.id)) chain.push(head);
  }
  return chain;
}

/** The authority of each role (approval limits master data); a role without a row may grant and approve nothing. */
export async function approvalLimitsByRole(em: EntityManager): Promise<Map<Role, ApprovalLimit>> {
  const limits = await em.find(ApprovalLimit, {});
  return new Map(limits.map((limit) => [limit.role, limit]));
}

interface ViewerRow {
  id: string;
  role: Role;
  unit_id: string | null;
  distributor_id: string | null;
  distributor_status: DistributorStatus | null;
  headed_paths: string[];
  unit_ids: string[];
  user_ids: string[];
}

/** The org directory and API keys. Every read applies the viewer's row scope in SQL. */
export class OrgService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  async me(): Promise<User> {
    return this.userById(this.viewer.userId);
  }

  userById(id: string): Promise<User> {
    return findVisibleOrFail(this.em, User, { id }, userRowScope(this.viewer), () => new OrgError(OrgErrorCode.USER_NOT_FOUND, { id }));
  }

  async users(args: UsersArgs): Promise<ConnectionShape<User>> {
    const viewer = this.viewer;
    const filter = args.filter;
    const conditions: FilterQuery<User>[] = [userRowScope(viewer)];
    if (filter?.search !== undefined) {
      conditions.push({
        [raw((alias) => `(${alias}.name || ' ' || coalesce(${alias}.english_name, ''))`)]: { $ilike: likeContains(filter.search) },
      });
    }
    if (filter?.unitId !== undefined) {
      const unit = await this.em.findOne(OrgUnit, { $and: [{ id: filter.unitId }, orgUnitRowScope(viewer)] });
      if (unit === null) throw UserInputError.field('filter.unitId', 'no such org unit is visible to you');
      conditions.push(filter.includeSubunits ? { unit: { path: { $like: `${unit.path}%` } } } : { unit: unit.id });
    }
    if (filter?.roles !== undefined) conditions.push({ role: { $in: filter.roles } });
    if (filter?.status !== undefined) conditions.push({ status: filter.status });
    if (filter?.managedByMe === true) conditions.push(managedUsersScope(viewer));
    if (filter?.email !== undefined) {
      conditions.push(filterOnGuardedField(viewer, User, 'email', { email: filter.email.toLowerCase() }));
    }
    if (filter?.phone !== undefined) {
      conditions.push(filterOnGuardedField(viewer, User, 'phone', { phone: filter.phone }));
    }
    const direction = args.orderBy === UserOrder.NAME_DESC ? 'desc' : 'asc';
    return findPage(this.em, User, { $and: conditions }, args, { name: direction, id: direction });
  }

  orgUnits(kind: OrgUnitKind | undefined): Promise<OrgUnit[]> {
    const where: FilterQuery<OrgUnit> = kind === undefined ? {} : { kind };
    return this.em.find(OrgUnit, { $and: [where, orgUnitRowScope(this.viewer)] }, { orderBy: { path: 'asc' } });
  }

  orgUnitById(id: string): Promise<OrgUnit> {
    return findVisibleOrFail(this.em, OrgUnit, { id }, orgUnitRowScope(this.viewer), () => new OrgError(OrgErrorCode.ORG_UNIT_NOT_FOUND, { id }));
  }

  /** Creates a key; the returned `key` is the only time the secret is ever shown. */
  async createApiKey(input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKey }> {
    const viewer = this.viewer;
    const userId = input.userId ?? viewer.userId;
    if (userId !== viewer.userId && viewer.role !== Role.ADMIN) throw new OrgError(OrgErrorCode.API_KEY_FOR_OTHER_USER);
    if (input.expiresAt !== undefined && input.expiresAt.getTime() <= Date.now()) {
      throw UserInputError.field('input.expiresAt', 'must be in the future');
    }
    const user = await this.userById(userId);
    if (user.status !== UserStatus.ACTIVE) throw new OrgError(OrgErrorCode.API_KEY_USER_INACTIVE, { userId });
    const generated = generateApiKey();
    const apiKey = this.em.create(ApiKey, {
      name: input.name.trim(),
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: [...new Set(input.scopes)],
      user,
      createdBy: this.em.getReference(User, viewer.userId),
      expiresAt: input.expiresAt ?? null,
    });
    await this.em.flush();
    return { key: generated.key, apiKey };
  }

  apiKeys(userId: string | undefined): Promise<ApiKey[]> {
    const where: FilterQuery<ApiKey> = userId === undefined ? {} : { user: userId };
    return this.em.find(ApiKey, { $and: [where, apiKeyRowScope(this.viewer)] }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** Revoking twice is harmless: the first revocation time is kept. */
  async revokeApiKey(id: string): Promise<ApiKey> {
    const apiKey = await findVisibleOrFail(this.em, ApiKey, { id }, apiKeyRowScope(this.viewer), () => new OrgError(OrgErrorCode.API_KEY_NOT_FOUND, { id }));
    apiKey.revokedAt ??= new Date();
    await this.em.flush();
    return apiKey;
  }
}
