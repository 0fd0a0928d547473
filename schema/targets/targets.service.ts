import { LockMode, raw, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions, type PageArgs } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { ProductLine } from '../catalog/entities/product-line.entity';
import { CustomerTier } from '../customers/customers.enums';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { SALES_LINE_ROLES, UserStatus } from '../org/org.enums';
import { loadViewer } from '../org/org.service';
import { SalesTarget } from './entities/sales-target.entity';
import { SalesTargetVersion } from './entities/sales-target-version.entity';
import { TargetAdjustment } from './entities/target-adjustment.entity';
import { periodContaining, periodStartingOn, subPeriods, type Period } from './periods';
import { CustomerNovelty, PeriodKind, SplitBasis, TargetAdjustmentStatus, TargetDimension, TargetMetric } from './targets.enums';
import { staleTargetVersion, TargetsError, TargetsErrorCode } from './targets.errors';
import type { RequestTargetAdjustmentInput, SalesTargetFilter, SetTargetsInput, TargetValueInput } from './targets.inputs';
import { holdsTarget, maySetTargetAt, targetRowScope, type TargetLevel } from './targets.policy';
import type { ProposedTarget, TargetBreakdown, TargetSplitProposal } from './targets.types';

/** The company's calendar: periods, locking and facts are all days in Asia/Shanghai. */
const COMPANY_TODAY_SQL = `select (now() at time zone 'Asia/Shanghai')::date::text as today`;

/** The next finer period of each kind; a month splits no further. */
const FINER_PERIOD: Record<PeriodKind, PeriodKind | null> = {
  [PeriodKind.YEAR]: PeriodKind.QUARTER,
  [PeriodKind.QUARTER]: PeriodKind.MONTH,
  [PeriodKind.MONTH]: null,
};

/** Counts are shared out in whole numbers, money to the cent. */
const COUNT_METRICS: readonly TargetMetric[] = [TargetMetric.NEW_CUSTOMERS, TargetMetric.VISITS];

/** Everything that makes a target one of its kind: the columns of `sales_target_slice_unique`. */
interface TargetSpec {
  unit: OrgUnit | null;
  user: User | null;
  period: Period;
  productLineId: string | null;
  customerTier: CustomerTier | null;
  customerNovelty: CustomerNovelty | null;
}

function specOf(target: SalesTarget): Omit<TargetSpec, 'unit' | 'user'> & { unitId: string | null; userId: string | null } {
  return {
    unitId: target.orgUnit?.id ?? null,
    userId: target.user?.id ?? null,
    period: periodStartingOn(target.periodKind, target.periodStart)!,
    productLineId: target.productLine?.id ?? null,
    customerTier: target.customerTier,
    customerNovelty: target.customerNovelty,
  };
}

function sliceKey(spec: TargetSpec): string {
  return [spec.unit?.id, spec.user?.id, spec.period.kind, spec.period.start, spec.productLineId, spec.customerTier, spec.customerNovelty].join('|');
}

/** Last year's period of the same kind: the basis of a proposal. */
function yearBefore(period: Period): Period {
  const start = `${Number(period.start.slice(0, 4)) - 1}${period.start.slice(4)}`;
  return periodContaining(period.kind, start);
}

/**
 * Shares `total` out in proportion to `weights` so that the shares add up to it exactly: each gets the floor of its
 * exact share in units of `scale` decimals, and the units left over go to the largest remainders (the earlier child
 * on a tie). Equal weights when every weight is zero.
 */
export function shareOut(total: Decimal.Value, weights: readonly Decimal.Value[], scale: number): string[] {
  const unit = new Decimal(10).pow(-scale);
  const units = new Decimal(total).div(unit).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  const raw = weights.map((weight) => new Decimal(weight));
  const sum = raw.reduce((acc, weight) => acc.plus(weight), new Decimal(0));
  const effective = sum.isZero() ? raw.map(() => new Decimal(1)) : raw;
  const weightSum = sum.isZero() ? new Decimal(raw.length) : sum;
  const exact = effective.map((weight) => units.times(weight).div(weightSum));
  const floors = exact.map((share) => share.floor());
  let left = units.minus(floors.reduce((acc, share) => acc.plus(share), new Decimal(0))).toNumber();
  const byRemainder = exact.map((share, index) => ({ index, remainder: share.minus(floors[index]) })).sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    floors[index] = floors[index].plus(1);
    left -= 1;
  }
  return floors.map((share) => share.times(unit).toFixed(scale));
}

/**
 * Targets (M1–M3, M5): read in the viewer's scope, decomposed top-down by whoever heads the level above, proposed from
 * last year's actuals, locked once their period starts and changed after that only by an approved adjustment. Every
 * value a target has had is kept in `sales_target_version`.
 *
 * Takes an EntityManager and a viewer, not a request, so seeders call it as the people who would set the targets.
 */
export class TargetsService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  /** The service acting as a user outside a request (seeds, jobs); null for an inactive user. */
  static async actingAs(em: EntityManager, userId: string): Promise<TargetsService | null> {
    const viewer = await loadViewer(em, userId, { scopes: null, apiKeyId: null });
    return viewer === null ? null : new TargetsService(em, viewer);
  }

  /** Today in company time (Asia/Shanghai): a target whose period starts on or before it is locked. */
  async companyToday(em: EntityManager = this.em): Promise<string> {
    const [row] = await em.execute<{ today: string }[]>(COMPANY_TODAY_SQL);
    return row.today;
  }

  targetById(id: string, em: EntityManager = this.em): Promise<SalesTarget> {
    return findVisibleOrFail(em, SalesTarget, { id }, targetRowScope(this.viewer), () => new TargetsError(TargetsErrorCode.TARGET_NOT_FOUND, { id }));
  }

  /** Targets the viewer may see, filtered in SQL, by period then id. */
  targets(args: PageArgs & { filter?: SalesTargetFilter | null }, options: FindPageOptions): Promise<ConnectionShape<SalesTarget>> {
    const filter = args.filter;
    const conditions: FilterQuery<SalesTarget>[] = [targetRowScope(this.viewer)];
    if (filter?.metric != null) conditions.push({ metric: filter.metric });
    if (filter?.periodKind != null) conditions.push({ periodKind: filter.periodKind });
    if (filter?.periodStart != null) conditions.push({ periodStart: filter.periodStart });
    if (filter?.year != null) conditions.push({ periodStart: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
    if (filter?.orgUnitId != null) conditions.push({ orgUnit: filter.orgUnitId });
    if (filter?.userId != null) conditions.push({ user: filter.userId });
    if (filter?.productLineId != null) conditions.push({ productLine: filter.productLineId });
    if (filter?.unsliced === true) conditions.push({ productLine: null, customerTier: null, customerNovelty: null });
    return findPage(this.em, SalesTarget, { $and: conditions }, args, { periodStart: 'asc', id: 'asc' }, options);
  }

  /** A target whose period has started (company time) is locked. */
  async isLocked(target: Pick<SalesTarget, 'periodStart'>): Promise<boolean> {
    return target.periodStart <= (await this.companyToday());
  }

  /**
   * The target and its children in `dimension`: those the viewer may see, and — only when they see every child and
   * the target itself — their sum and the unallocated rest, summed in SQL over all children.
   */
  async breakdown(targetId: string, dimension: TargetDimension): Promise<TargetBreakdown> {
    const target = await this.targetById(targetId);
    const childrenWhere = this.childrenInDimension(target, dimension);
    const children = await this.em.find(SalesTarget, { $and: [childrenWhere, targetRowScope(this.viewer)] }, { orderBy: { periodStart: 'asc', id: 'asc' } });
    const [all] = await this.em
      .createQueryBuilder(SalesTarget, 't')
      .select([raw('count(*)::int as count'), raw('coalesce(sum(t.value), 0)::text as total')])
      .where(childrenWhere as never)
      .execute<{ count: number; total: string }[]>('all', false);
    const allocated = new Decimal(all.total);
    return {
      target,
      dimension,
      children,
      allocated: allocated.toFixed(2),
      unallocated: new Decimal(target.value).minus(allocated).toFixed(2),
      // The target itself is in the viewer's scope (read above), and the scope is what guards its value.
      seesEveryValue: children.length === all.count,
    };
  }

  /** The children of `parent` that split it in `dimension` (each child splits its parent in exactly one, see `dimensionOf`). */
  private childrenInDimension(parent: SalesTarget, dimension: TargetDimension): FilterQuery<SalesTarget> {
    const same = { periodKind: parent.periodKind, periodStart: parent.periodStart };
    const slice = { productLine: parent.productLine?.id ?? null, customerTier: parent.customerTier, customerNovelty: parent.customerNovelty };
    switch (dimension) {
      case TargetDimension.ORG:
        return { parent: parent.id, ...same, ...slice };
      case TargetDimension.PERIOD: {
        const finer = FINER_PERIOD[parent.periodKind];
        return finer === null ? { id: { $in: [] } } : { parent: parent.id, periodKind: finer };
      }
      case TargetDimension.PRODUCT_LINE:
        return { parent: parent.id, ...same, productLine: { $ne: null } };
      case TargetDimension.CUSTOMER_SEGMENT:
        return { parent: parent.id, ...same, productLine: slice.productLine, $or: [{ customerTier: { $ne: parent.customerTier } }, { customerNovelty: { $ne: parent.customerNovelty } }] };
      default:
        return { id: { $in: [] } };
    }
  }

  /**
   * Writes one level's targets in one transaction: a parent's children, or top-level targets. Each target is checked
   * for the writer's authority (only units and people below a unit they head; the VP and admins: all), for being a
   * proper child of the parent (one step finer in one dimension, every child in the same one), and — when it exists
   * already with another value — for its period not having started (a locked target changes only by adjustment).
   * Children need not add up to the parent: the difference is the breakdown's `unallocated`. New targets and changed
   * values each get a version on record.
   */
  setTargets(input: SetTargetsInput): Promise<SalesTarget[]> {
    return this.em.transactional(async (em) => {
      const parent = input.parentId == null ? null : await this.lockedVisibleTarget(em, input.parentId, 'input.parentId');
      if (parent !== null && input.metric != null && input.metric !== parent.metric) {
        throw UserInputError.field('input.metric', 'must be the parent’s metric, or left out');
      }
      const metric = parent?.metric ?? input.metric;
      if (metric == null) throw UserInputError.field('input.metric', 'is required without a parentId');

      const specs = await this.resolveSpecs(em, input.targets, parent);
      let dimension: TargetDimension | null = null;
      const seen = new Set<string>();
      specs.forEach((spec, index) => {
        const path = `input.targets.${index}`;
        const key = sliceKey(spec);
        if (seen.has(key)) throw new TargetsError(TargetsErrorCode.DUPLICATE_CHILD, { field: path });
        seen.add(key);
        if (!maySetTargetAt(this.viewer, levelOf(spec))) throw new TargetsError(TargetsErrorCode.NOT_YOUR_LEVEL, { field: path });
        if (parent === null) return;
        const childDimension = dimensionOf(parent, spec);
        if (childDimension === null) throw new TargetsError(TargetsErrorCode.NOT_A_CHILD, { field: path });
        if (dimension !== null && childDimension !== dimension) throw new TargetsError(TargetsErrorCode.MIXED_DIMENSIONS, { field: path });
        dimension = childDimension;
      });

      const existing = await this.existingTargets(em, metric, specs);
      const today = await this.companyToday(em);
      const setBy = em.getReference(User, this.viewer.userId);
      const written: SalesTarget[] = [];
      const changed: SalesTarget[] = [];
      specs.forEach((spec, index) => {
        const value = new Decimal(input.targets[index].value).toFixed(2);
        const reason = input.targets[index].reason?.trim() || null;
        const target = existing.get(sliceKey(spec));
        if (target === undefined) {
          const created = em.create(SalesTarget, {
            metric,
            periodKind: spec.period.kind,
            periodStart: spec.period.start,
            orgUnit: spec.unit,
            user: spec.user,
            productLine: spec.productLineId === null ? null : em.getReference(ProductLine, spec.productLineId),
            customerTier: spec.customerTier,
            customerNovelty: spec.customerNovelty,
            parent,
            value,
            setBy,
            reason,
          });
          written.push(created);
          changed.push(created);
          return;
        }
        if (parent !== null) target.parent = parent;
        if (!new Decimal(target.value).equals(value)) {
          if (target.periodStart <= today) throw new TargetsError(TargetsErrorCode.TARGET_LOCKED, { field: `input.targets.${index}.value` });
          target.value = value;
          target.reason = reason;
          target.setBy = setBy;
          changed.push(target);
        }
        written.push(target);
      });
      try {
        await flushOrStale(em, staleTargetVersion);
      } catch (error) {
        // Someone else created one of these targets since they were looked up: the unique slice index lets one through.
        if (error instanceof UniqueConstraintViolationException) throw staleTargetVersion();
        throw error;
      }
      for (const target of changed) this.recordVersion(em, target, null);
      await em.flush();
      return written;
    });
  }

  /** The current value of `target` as a version on record. */
  private recordVersion(em: EntityManager, target: SalesTarget, adjustment: TargetAdjustment | null): SalesTargetVersion {
    return em.create(SalesTargetVersion, {
      target,
      version: target.version,
      value: target.value,
      setBy: target.setBy,
      reason: target.reason,
      adjustment,
    });
  }

  private async lockedVisibleTarget(em: EntityManager, id: string, path: string): Promise<SalesTarget> {
    const target = await em.findOne(SalesTarget, { $and: [{ id }, targetRowScope(this.viewer)] });
    if (target === null) throw new TargetsError(TargetsErrorCode.TARGET_NOT_FOUND, { field: path, id });
    await em.lock(target, LockMode.PESSIMISTIC_WRITE);
    return target;
  }

  /** The full level, period and slice of each input target (a child inherits what it leaves out from its parent). */
  private async resolveSpecs(em: EntityManager, inputs: readonly TargetValueInput[], parent: SalesTarget | null): Promise<TargetSpec[]> {
    const unitIds = new Set<string>();
    const userIds = new Set<string>();
    for (const input of inputs) {
      if (input.orgUnitId != null) unitIds.add(input.orgUnitId);
      if (input.userId != null) userIds.add(input.userId);
    }
    if (parent?.orgUnit) unitIds.add(parent.orgUnit.id);
    if (parent?.user) userIds.add(parent.user.id);
    const users = await em.find(User, { id: { $in: [...userIds] } }, { populate: ['unit'] });
    const units = await em.find(OrgUnit, { id: { $in: [...unitIds] } });
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    const userById = new Map(users.map((user) => [user.id, user]));

    return inputs.map((input, index) => {
      const path = `input.targets.${index}`;
      if (input.orgUnitId != null && input.userId != null) throw new TargetsError(TargetsErrorCode.BAD_LEVEL, { field: `${path}.userId` });
      let unit: OrgUnit | null;
      let user: User | null;
      if (input.orgUnitId != null || input.userId != null) {
        unit = input.orgUnitId == null ? null : (unitById.get(input.orgUnitId) ?? null);
        user = input.userId == null ? null : (userById.get(input.userId) ?? null);
        if (unit === null && user === null) throw UserInputError.field(input.orgUnitId != null ? `${path}.orgUnitId` : `${path}.userId`, 'no such org unit or person');
        if (user !== null && user.unit === null) throw new TargetsError(TargetsErrorCode.BAD_LEVEL, { field: `${path}.userId` });
      } else if (parent !== null) {
        unit = parent.orgUnit === null ? null : unitById.get(parent.orgUnit.id)!;
        user = parent.user === null ? null : userById.get(parent.user.id)!;
      } else {
        throw new TargetsError(TargetsErrorCode.BAD_LEVEL, { field: `${path}.orgUnitId` });
      }
      const kind = input.periodKind ?? parent?.periodKind;
      const start = input.periodStart ?? (input.periodKind == null ? parent?.periodStart : undefined);
      if (kind == null) throw UserInputError.field(`${path}.periodKind`, 'is required without a parentId');
      if (start == null) throw UserInputError.field(`${path}.periodStart`, 'is required with a period kind of its own');
      const period = periodStartingOn(kind, start);
      if (period === undefined) throw new TargetsError(TargetsErrorCode.BAD_PERIOD, { field: `${path}.periodStart` });
      return {
        unit,
        user,
        period,
        productLineId: input.productLineId ?? parent?.productLine?.id ?? null,
        customerTier: input.customerTier ?? parent?.customerTier ?? null,
        customerNovelty: input.customerNovelty ?? parent?.customerNovelty ?? null,
      };
    });
  }

  /** The targets that exist already with the slices of `specs`, locked for update, by slice key. */
  private async existingTargets(em: EntityManager, metric: TargetMetric, specs: readonly TargetSpec[]): Promise<Map<string, SalesTarget>> {
    const found = await em.find(
      SalesTarget,
      {
        metric,
        $or: specs.map((spec) => ({
          periodKind: spec.period.kind,
          periodStart: spec.period.start,
          orgUnit: spec.unit?.id ?? null,
          user: spec.user?.id ?? null,
          productLine: spec.productLineId,
          customerTier: spec.customerTier,
          customerNovelty: spec.customerNovelty,
        })),
      },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const byKey = new Map<string, SalesTarget>();
    for (const target of found) {
      const spec = specOf(target);
      byKey.set(
        sliceKey({ ...spec, unit: spec.unitId === null ? null : ({ id: spec.unitId } as OrgUnit), user: spec.userId === null ? null : ({ id: spec.userId } as User) }),
        target,
      );
    }
    return byKey;
  }

  /**
   * Proposed children of a target in `dimension` (not saved): the units and sales people directly below its unit, the
   * next periods, every product line, or the customer tiers (new vs existing when the tier is set). With
   * LAST_YEAR_ACTUALS each gets a share in proportion to what it achieved in the same period a year before, in one
   * statement over `sales_performance_fact`; with EQUAL, or when nobody achieved anything, equal shares. Shares are
   * rounded (to the cent, or whole numbers for counts) so that they add up exactly to the target.
   */
  async proposeSplit(parentId: string, dimension: TargetDimension, basis: SplitBasis): Promise<TargetSplitProposal> {
    const parent = await this.targetById(parentId);
    const slots = await this.childSlots(parent, dimension);
    if (slots.length === 0) throw new TargetsError(TargetsErrorCode.NOTHING_TO_SPLIT, { field: 'dimension' });
    if (!slots.every((slot) => maySetTargetAt(this.viewer, levelOf(slot)))) throw new TargetsError(TargetsErrorCode.NOT_YOUR_LEVEL, { field: 'parentId' });

    const actuals = basis === SplitBasis.LAST_YEAR_ACTUALS ? await this.lastYearActuals(parent.metric, slots) : slots.map(() => new Decimal(0));
    const usedBasis = actuals.every((actual) => actual.isZero()) ? SplitBasis.EQUAL : basis;
    const value = new Decimal(parent.value);
    const scale = COUNT_METRICS.includes(parent.metric) && value.isInteger() ? 0 : 2;
    const values = shareOut(value, actuals, scale);
    const children: ProposedTarget[] = slots.map((slot, index) => ({
      orgUnitId: slot.unit?.id ?? null,
      userId: slot.user?.id ?? null,
      productLineId: slot.productLineId,
      periodKind: slot.period.kind,
      periodStart: slot.period.start,
      customerTier: slot.customerTier,
      customerNovelty: slot.customerNovelty,
      value: values[index],
      lastYearActual: actuals[index].toFixed(2),
    }));
    return { parent, dimension, basis: usedBasis, children };
  }

  /** Where a target's children go in `dimension`, in a stable order. */
  private async childSlots(parent: SalesTarget, dimension: TargetDimension): Promise<TargetSpec[]> {
    const em = this.em;
    const unit = parent.orgUnit === null ? null : await em.findOneOrFail(OrgUnit, parent.orgUnit.id);
    const user = parent.user === null ? null : await em.findOneOrFail(User, parent.user.id, { populate: ['unit'] });
    const base: TargetSpec = { ...specOfTarget(parent), unit, user };
    switch (dimension) {
      case TargetDimension.ORG: {
        if (unit === null) return [];
        const subUnits = await em.find(OrgUnit, { parent: unit.id }, { orderBy: { name: 'asc', id: 'asc' } });
        const people = await em.find(
          User,
          { unit: unit.id, role: { $in: [...SALES_LINE_ROLES] }, status: UserStatus.ACTIVE, id: { $ne: unit.head?.id ?? null } },
          { populate: ['unit'], orderBy: { name: 'asc', id: 'asc' } },
        );
        return [...subUnits.map((child) => ({ ...base, unit: child, user: null })), ...people.map((person) => ({ ...base, unit: null, user: person }))];
      }
      case TargetDimension.PERIOD: {
        const finer = FINER_PERIOD[parent.periodKind];
        return finer === null ? [] : subPeriods(base.period, finer).map((period) => ({ ...base, period }));
      }
      case TargetDimension.PRODUCT_LINE: {
        if (base.productLineId !== null) return [];
        const lines = await em.find(ProductLine, { active: true }, { orderBy: { code: 'asc' } });
        return lines.map((line) => ({ ...base, productLineId: line.id }));
      }
      case TargetDimension.CUSTOMER_SEGMENT:
        if (base.customerTier === null) return Object.values(CustomerTier).map((tier) => ({ ...base, customerTier: tier }));
        if (base.customerNovelty === null) return Object.values(CustomerNovelty).map((novelty) => ({ ...base, customerNovelty: novelty }));
        return [];
      default:
        return [];
    }
  }

  /**
   * What each slot achieved in the same period a year before, from `sales_performance_fact`, in one statement: a unit's
   * slot counts every person in its subtree (by the unit's materialized path), a person's slot that person; a product
   * line, tier or novelty narrows the facts as the slot does (NEW: customers whose first order fell in that period).
   */
  private async lastYearActuals(metric: TargetMetric, slots: readonly TargetSpec[]): Promise<Decimal[]> {
    const values: unknown[] = [];
    const rows = slots.map((slot, index) => {
      const period = yearBefore(slot.period);
      values.push(index, slot.unit?.path ?? null, slot.user?.id ?? null, period.start, period.end, slot.productLineId, slot.customerTier, slot.customerNovelty);
      return '(?::int, ?::text, ?::uuid, ?::date, ?::date, ?::uuid, ?::customer_tier, ?::text)';
    });
    const result = await this.em.execute<{ idx: number; actual: string }[]>(
      `with slot(idx, unit_path, user_id, period_start, period_end, product_line_id, tier, novelty) as (values ${rows.join(', ')})
       select s.idx, coalesce(sum(f.value), 0)::text as actual
         from slot s
         left join lateral (
           select f.value
             from sales_performance_fact f
             join app_user u on u.id = f.user_id
             left join org_unit ou on ou.id = u.unit_id
             left join customer c on c.id = f.customer_id
            where f.metric = ?::target_metric
              and f.occurred_on between s.period_start and s.period_end
              and (s.user_id is null or f.user_id = s.user_id)
              and (s.unit_path is null or ou.path like s.unit_path || '%')
              and (s.product_line_id is null or f.product_line_id = s.product_line_id)
              and (s.tier is null or c.tier = s.tier)
              and (s.novelty is null or (s.novelty = 'NEW') = exists (
                    select 1 from sales_performance_fact nf
                     where nf.metric = 'NEW_CUSTOMERS' and nf.customer_id = f.customer_id
                       and nf.occurred_on between s.period_start and s.period_end))
         ) f on true
        group by s.idx
        order by s.idx`,
      [...values, metric],
    );
    return result.map((row) => new Decimal(row.actual));
  }

  /** Adjustments the viewer may see (with their targets), newest first. */
  adjustments(
    args: PageArgs & { filter?: { status?: TargetAdjustmentStatus | null; targetId?: string | null; awaitingMyDecision?: boolean | null } | null },
    options: FindPageOptions,
  ): Promise<ConnectionShape<TargetAdjustment>> {
    const conditions: FilterQuery<TargetAdjustment>[] = [{ target: targetRowScope(this.viewer) }];
    const filter = args.filter;
    if (filter?.status != null) conditions.push({ status: filter.status });
    if (filter?.targetId != null) conditions.push({ target: filter.targetId });
    if (filter?.awaitingMyDecision === true) conditions.push({ status: TargetAdjustmentStatus.PENDING, approver: this.viewer.userId });
    return findPage(this.em, TargetAdjustment, { $and: conditions }, args, { createdAt: 'desc', id: 'desc' }, options);
  }

  /**
   * Asks to change a locked target, for the next level up to decide: the person whose target it is, the head of the
   * unit whose target it is, or anyone who may set it. The request waits for the nearest head above the target's level
   * other than the requester (for the company's target: the VP, or an admin when the VP asks); anyone else who may set
   * the target may decide it too. One request per target waits at a time.
   */
  requestAdjustment(input: RequestTargetAdjustmentInput): Promise<TargetAdjustment> {
    const reason = input.reason.trim();
    if (reason === '') throw UserInputError.field('input.reason', 'say why the target should change');
    return this.em.transactional(async (em) => {
      const target = await this.lockedVisibleTarget(em, input.targetId, 'input.targetId');
      const level = await this.levelOfTarget(em, target);
      if (!holdsTarget(this.viewer, level) && !maySetTargetAt(this.viewer, level)) throw new TargetsError(TargetsErrorCode.NOT_YOUR_LEVEL, { field: 'input.targetId' });
      if (target.periodStart > (await this.companyToday(em))) throw new TargetsError(TargetsErrorCode.TARGET_NOT_LOCKED, { field: 'input.targetId' });
      if ((await em.count(TargetAdjustment, { target: target.id, status: TargetAdjustmentStatus.PENDING })) > 0) {
        throw new TargetsError(TargetsErrorCode.ADJUSTMENT_PENDING, { field: 'input.targetId' });
      }
      const approver = await this.approverFor(em, target);
      const adjustment = em.create(TargetAdjustment, {
        target,
        requestedBy: em.getReference(User, this.viewer.userId),
        approver,
        previousValue: target.value,
        newValue: new Decimal(input.newValue).toFixed(2),
        reason,
      });
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw new TargetsError(TargetsErrorCode.ADJUSTMENT_PENDING, { field: 'input.targetId' });
        throw error;
      }
      return adjustment;
    });
  }

  /** The nearest active head above the target's level who is not the viewer; for the company's target its head (the VP). */
  private async approverFor(em: EntityManager, target: SalesTarget): Promise<User | null> {
    let path: string;
    let skipOwnUnit: boolean;
    if (target.user !== null) {
      const user = await em.findOneOrFail(User, target.user.id, { populate: ['unit'] });
      path = user.unit!.path;
      skipOwnUnit = false;
    } else {
      const unit = await em.findOneOrFail(OrgUnit, target.orgUnit!.id);
      path = unit.path;
      skipOwnUnit = unit.parent !== null;
    }
    const unitIds = path.split('/').filter((segment) => segment !== '');
    if (skipOwnUnit) unitIds.pop();
    const units = await em.find(OrgUnit, { id: { $in: unitIds } }, { populate: ['head'], orderBy: { depth: 'desc' } });
    const holder = target.user?.id ?? null;
    for (const unit of units) {
      const head = unit.head;
      if (head === null || head.status !== UserStatus.ACTIVE || head.id === this.viewer.userId || head.id === holder) continue;
      return head;
    }
    return null;
  }

  /** The target's unit path or person, for the authority checks. */
  private async levelOfTarget(em: EntityManager, target: SalesTarget): Promise<TargetLevel> {
    if (target.user !== null) {
      const user = await em.findOneOrFail(User, target.user.id, { populate: ['unit'] });
      return { unit: null, user: { id: user.id, unitPath: user.unit?.path ?? null } };
    }
    const unit = await em.findOneOrFail(OrgUnit, target.orgUnit!.id);
    return { unit: { id: unit.id, path: unit.path }, user: null };
  }

  approveAdjustment(id: string, version: number, comment: string | null): Promise<TargetAdjustment> {
    return this.decide(id, version, TargetAdjustmentStatus.APPROVED, comment?.trim() || null);
  }

  refuseAdjustment(id: string, version: number, comment: string): Promise<TargetAdjustment> {
    const why = comment.trim();
    if (why === '') throw UserInputError.field('comment', 'say why the adjustment is refused');
    return this.decide(id, version, TargetAdjustmentStatus.REFUSED, why);
  }

  /**
   * Decides a waiting adjustment, once. Its row is locked first, so two decisions on one request follow each other;
   * the update then applies only while it is still PENDING at the version read, so of two racing decisions exactly one
   * is stored and the other gets ALREADY_DECIDED. Approving sets the target's value (its row locked too) and records
   * the new version with the adjustment behind it. Nobody decides their own request; the decider must be one who may
   * set the target (a head above its level, the VP, an admin).
   */
  private decide(id: string, version: number, decision: TargetAdjustmentStatus.APPROVED | TargetAdjustmentStatus.REFUSED, comment: string | null): Promise<TargetAdjustment> {
    return this.em.transactional(async (em) => {
      const visible = await em.findOne(TargetAdjustment, { id, target: targetRowScope(this.viewer) });
      if (visible === null) throw new TargetsError(TargetsErrorCode.ADJUSTMENT_NOT_FOUND, { field: 'id', id });
      await em.lock(visible, LockMode.PESSIMISTIC_WRITE);
      const adjustment = await em.refreshOrFail(visible);
      if (adjustment.status !== TargetAdjustmentStatus.PENDING) throw new TargetsError(TargetsErrorCode.ALREADY_DECIDED, { field: 'id' });
      if (adjustment.requestedBy.id === this.viewer.userId) throw new TargetsError(TargetsErrorCode.OWN_REQUEST, { field: 'id' });
      const target = await em.findOneOrFail(SalesTarget, adjustment.target.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!maySetTargetAt(this.viewer, await this.levelOfTarget(em, target))) throw new TargetsError(TargetsErrorCode.NOT_YOUR_LEVEL, { field: 'id' });
      if (adjustment.version !== version) throw staleTargetVersion();

      const now = new Date();
      const decided = await em.nativeUpdate(
        TargetAdjustment,
        { id: adjustment.id, status: TargetAdjustmentStatus.PENDING, version },
        { status: decision, decidedBy: this.viewer.userId, decidedAt: now, comment, version: version + 1, updatedAt: now },
      );
      if (decided !== 1) throw new TargetsError(TargetsErrorCode.ALREADY_DECIDED, { field: 'id' });
      await em.refresh(adjustment);

      if (decision === TargetAdjustmentStatus.APPROVED) {
        target.value = adjustment.newValue;
        target.reason = adjustment.reason;
        target.setBy = em.getReference(User, this.viewer.userId);
        await flushOrStale(em, staleTargetVersion);
        this.recordVersion(em, target, adjustment);
        await em.flush();
      }
      return adjustment;
    });
  }
}

function specOfTarget(target: SalesTarget): Omit<TargetSpec, 'unit' | 'user'> {
  const { period, productLineId, customerTier, customerNovelty } = specOf(target);
  return { period, productLineId, customerTier, customerNovelty };
}

function levelOf(spec: TargetSpec): TargetLevel {
  return {
    unit: spec.unit === null ? null : { id: spec.unit.id, path: spec.unit.path },
    user: spec.user === null ? null : { id: spec.user.id, unitPath: spec.user.unit?.path ?? null },
  };
}

/**
 * How `child` splits `parent`: one step finer in exactly one dimension and the same in the others, or null. The org
 * step goes from a unit to its sub-units and to the sales people directly in it (not its head); the period step to the
 * next finer period inside the parent's.
 */
function dimensionOf(parent: SalesTarget, child: TargetSpec): TargetDimension | null {
  const parentUnit = parent.orgUnit?.id ?? null;
  const parentUser = parent.user?.id ?? null;
  const sameLevel = (child.unit?.id ?? null) === parentUnit && (child.user?.id ?? null) === parentUser;
  const samePeriod = child.period.kind === parent.periodKind && child.period.start === parent.periodStart;
  const parentLine = parent.productLine?.id ?? null;
  const sameLine = child.productLineId === parentLine;
  const sameTier = child.customerTier === parent.customerTier;
  const sameNovelty = child.customerNovelty === parent.customerNovelty;

  if (samePeriod && sameLine && sameTier && sameNovelty && !sameLevel && parentUnit !== null) {
    if (child.unit !== null && child.unit.parent?.id === parentUnit) return TargetDimension.ORG;
    const headOfParent = parent.orgUnit?.head?.id ?? null;
    if (child.user !== null && child.user.unit?.id === parentUnit && child.user.id !== headOfParent && SALES_LINE_ROLES.includes(child.user.role)) return TargetDimension.ORG;
    return null;
  }
  if (!sameLevel) return null;
  if (sameLine && sameTier && sameNovelty) {
    const parentPeriod = periodStartingOn(parent.periodKind, parent.periodStart)!;
    const inside = child.period.start >= parentPeriod.start && child.period.end <= parentPeriod.end;
    return FINER_PERIOD[parent.periodKind] === child.period.kind && inside ? TargetDimension.PERIOD : null;
  }
  if (!samePeriod) return null;
  if (parentLine === null && child.productLineId !== null && sameTier && sameNovelty) return TargetDimension.PRODUCT_LINE;
  if (!sameLine) return null;
  if (parent.customerTier === null && child.customerTier !== null && sameNovelty) return TargetDimension.CUSTOMER_SEGMENT;
  if (parent.customerNovelty === null && child.customerNovelty !== null && sameTier) return TargetDimension.CUSTOMER_SEGMENT;
  return null;
}
