import { LockMode, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { UserInputError, type FieldProblem } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { productRowScope } from '../catalog/catalog.policy';
import { Product } from '../catalog/entities/product.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { User } from '../org/entities/user.entity';
import { OrgUnitKind } from '../org/org.enums';
import { distributorRegions, recordConflicts, type ConflictDraft, type RegionRef } from './channel-conflicts.service';
import { ChannelConflictKind } from './channels.enums';
import { ChannelError, ChannelErrorCode } from './channels.errors';
import type { SellThroughReportsArgs, SubmitSellThroughReportInput } from './channels.inputs';
import { sellThroughRowScope } from './channels.policy';
import { Distributor } from './distributor.entity';
import { SellThroughLine } from './entities/sell-through-line.entity';
import { SellThroughReport } from './entities/sell-through-report.entity';
import { msg } from '../../api/i18n';

/** A shipped batch that did not go to the reporting distributor inside its regions. */
interface ForeignShipmentRow {
  batch_number: string;
  product_id: string;
  quantity: number;
  shipment_id: string;
  shipment_number: string;
  shipped_on: string;
  delivery_region_id: string;
  delivery_region_name: string;
  order_id: string;
  order_number: string;
  distributor_id: string | null;
  distributor_name: string | null;
}

interface ForeignShipment {
  id: string;
  number: string;
  shippedOn: string;
  order: { id: string; number: string };
  deliveryRegion: RegionRef;
  distributor: { id: string; name: string } | null;
  productIds: string[];
  quantity: number;
}

/** Today as the database sees it, so every API process judges "in the future" by the same day. */
async function today(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ today: string }[]>(`select current_date::text as today`);
  return row.today;
}

/**
 * Every shipment of the given batches that went into a region the reporting distributor does not hold, or to
 * another distributor (direct orders inside its regions are not its competitors' goods), in one statement for
 * the whole report, grouped by batch and shipment in shipping order.
 */
async function foreignShipmentsByBatch(
  em: EntityManager,
  batchNumbers: readonly string[],
  distributorId: string,
  regionIds: readonly string[],
): Promise<Map<string, ForeignShipment[]>> {
  const outsideRegions = regionIds.length === 0 ? 'true' : 's.delivery_region_id not in (?)';
  const rows = await em.execute<ForeignShipmentRow[]>(
    `select sl.batch_number, sl.product_id, sl.quantity, s.id as shipment_id, s.number as shipment_number,
            s.shipped_on::text as shipped_on, s.delivery_region_id, r.name as delivery_region_name,
            o.id as order_id, o.number as order_number, o.distributor_id, d.name as distributor_name
       from shipment_line sl
       join shipment s on s.id = sl.shipment_id
       join sales_order o on o.id = s.order_id
       join org_unit r on r.id = s.delivery_region_id
       left join distributor d on d.id = o.distributor_id
      where sl.batch_number in (?)
        and (${outsideRegions} or (o.distributor_id is not null and o.distributor_id <> ?))
      order by s.shipped_on, s.number, sl.id`,
    regionIds.length === 0 ? [[...batchNumbers], distributorId] : [[...batchNumbers], [...regionIds], distributorId],
  );
  const byBatch = new Map<string, ForeignShipment[]>();
  for (const row of rows) {
    const shipments = byBatch.get(row.batch_number) ?? [];
    let shipment = shipments.find((each) => each.id === row.shipment_id);
    if (shipment === undefined) {
      shipment = {
        id: row.shipment_id,
        number: row.shipment_number,
        shippedOn: row.shipped_on,
        order: { id: row.order_id, number: row.order_number },
        deliveryRegion: { id: row.delivery_region_id, name: row.delivery_region_name },
        distributor: row.distributor_id === null ? null : { id: row.distributor_id, name: row.distributor_name ?? '' },
        productIds: [],
        quantity: 0,
      };
      shipments.push(shipment);
    }
    if (!shipment.productIds.includes(row.product_id)) shipment.productIds.push(row.product_id);
    shipment.quantity += Number(row.quantity);
    byBatch.set(row.batch_number, shipments);
  }
  return byBatch;
}

/**
 * Sell-through reports (流向): submitted by a distributor's partner user for one period, and checked in the same
 * transaction for cross-region selling (sales outside the distributor's regions, batches shipped elsewhere).
 */
export class SellThroughService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  reportById(id: string): Promise<SellThroughReport> {
    return findVisibleOrFail(this.em, SellThroughReport, { id }, sellThroughRowScope(this.viewer), () => new ChannelError(ChannelErrorCode.REPORT_NOT_FOUND, { id }));
  }

  /** Reports the viewer may see, newest first; the period filter keeps the reports overlapping it. */
  reports(args: SellThroughReportsArgs, options: FindPageOptions = {}): Promise<ConnectionShape<SellThroughReport>> {
    const filter = args.filter;
    const conditions: FilterQuery<SellThroughReport>[] = [sellThroughRowScope(this.viewer)];
    if (filter?.distributorId !== undefined && filter.distributorId !== null) conditions.push({ distributor: filter.distributorId });
    if (filter?.periodFrom !== undefined && filter.periodFrom !== null) conditions.push({ periodEnd: { $gte: filter.periodFrom } });
    if (filter?.periodTo !== undefined && filter.periodTo !== null) conditions.push({ periodStart: { $lte: filter.periodTo } });
    return findPage(this.em, SellThroughReport, { $and: conditions }, args, { createdAt: 'desc', id: 'desc' }, options);
  }

  /**
   * Writes the viewer's distributor's report for a period and checks each line, all in one transaction: a sale in
   * a region the distributor does not hold raises SALE_OUTSIDE_REGION; a batch shipped into another region or to
   * another distributor raises BATCH_FROM_OTHER_REGION. Every bad value is reported at once and nothing is written.
   * The partner gets its report back; the conflicts are for the company's directors.
   */
  async submit(input: SubmitSellThroughReportInput): Promise<SellThroughReport> {
    const viewer = this.viewer;
    const distributorId = viewer.distributorId;
    if (distributorId === null) throw new ChannelError(ChannelErrorCode.NOT_A_DISTRIBUTOR_USER);
    const lines = input.lines.map((line) => ({ ...line, batchNumber: line.batchNumber.trim(), endCustomerName: line.endCustomerName.trim() }));

    return this.em.transactional(async (em) => {
      const regionNames = await this.assertValid(em, input, lines);

      // Locked, so two reports for overlapping periods from one distributor follow each other and the second sees the first.
      await em.findOneOrFail(Distributor, { id: distributorId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const overlapping = await em.count(SellThroughReport, {
        distributor: distributorId,
        periodStart: { $lte: input.periodEnd },
        periodEnd: { $gte: input.periodStart },
      });
      if (overlapping > 0) throw new ChannelError(ChannelErrorCode.REPORT_PERIOD_TAKEN, { field: 'input.periodStart' });

      const report = em.create(SellThroughReport, {
        distributor: em.getReference(Distributor, distributorId),
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        submittedBy: em.getReference(User, viewer.userId),
      });
      const written = lines.map((line) =>
        em.create(SellThroughLine, {
          report,
          product: em.getReference(Product, line.productId),
          quantity: line.quantity,
          batchNumber: line.batchNumber,
          endCustomerName: line.endCustomerName,
          saleRegion: em.getReference(OrgUnit, line.saleRegionId),
          soldOn: line.soldOn,
        }),
      );
      try {
        await em.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw new ChannelError(ChannelErrorCode.REPORT_PERIOD_TAKEN, { field: 'input.periodStart' });
        throw error;
      }

      await recordConflicts(em, await this.detect(em, report, written, distributorId, regionNames));
      return report;
    });
  }

  /** Every bad value of the input, each at its path, in one BAD_USER_INPUT; else the sale regions' names by id. */
  private async assertValid(em: EntityManager, input: SubmitSellThroughReportInput, lines: SubmitSellThroughReportInput['lines']): Promise<Map<string, string>> {
    const problems: FieldProblem[] = [];
    if (input.periodEnd < input.periodStart) problems.push({ path: 'input.periodEnd', message: 'must be on or after periodStart' });
    const productIds = [...new Set(lines.map((line) => line.productId))];
    const regionIds = [...new Set(lines.map((line) => line.saleRegionId))];
    const day = await today(em);
    const products = await em.find(Product, { $and: [{ id: { $in: productIds } }, productRowScope(this.viewer)] }, { fields: ['id'] });
    const regions = await em.find(OrgUnit, { id: { $in: regionIds }, kind: OrgUnitKind.REGION }, { fields: ['id', 'name'] });
    if (input.periodStart > day) problems.push({ path: 'input.periodStart', message: msg('must not be after today ({{day}})', { day }) });
    const knownProducts = new Set(products.map((product) => product.id));
    const knownRegions = new Set(regions.map((region) => region.id));
    lines.forEach((line, index) => {
      const path = `input.lines.${index}`;
      if (!knownProducts.has(line.productId)) problems.push({ path: `${path}.productId`, message: 'no such product' });
      if (!knownRegions.has(line.saleRegionId)) problems.push({ path: `${path}.saleRegionId`, message: 'is not a region' });
      if (line.batchNumber === '') problems.push({ path: `${path}.batchNumber`, message: 'must not be blank' });
      if (line.endCustomerName === '') problems.push({ path: `${path}.endCustomerName`, message: 'must not be blank' });
      if (line.soldOn < input.periodStart || line.soldOn > input.periodEnd) {
        problems.push({ path: `${path}.soldOn`, message: msg('must be within the period {{start}} – {{end}}', { start: input.periodStart, end: input.periodEnd }) });
      } else if (line.soldOn > day) {
        problems.push({ path: `${path}.soldOn`, message: msg('must not be after today ({{day}})', { day }) });
      }
    });
    if (problems.length > 0) throw new UserInputError(problems);
    return new Map(regions.map((region) => [region.id, region.name]));
  }

  /** The conflicts the report's lines give away: one per line and kind. */
  private async detect(
    em: EntityManager,
    report: SellThroughReport,
    lines: SellThroughLine[],
    distributorId: string,
    saleRegionNames: ReadonlyMap<string, string>,
  ): Promise<ConflictDraft[]> {
    const regions = await distributorRegions(em, distributorId);
    const regionIds = regions.map((region) => region.id);
    const batches = await foreignShipmentsByBatch(em, [...new Set(lines.map((line) => line.batchNumber))], distributorId, regionIds);

    const drafts: ConflictDraft[] = [];
    for (const line of lines) {
      const saleRegion = { id: line.saleRegion.id, name: saleRegionNames.get(line.saleRegion.id) ?? '' };
      const reported = {
        report: { id: report.id, periodStart: report.periodStart, periodEnd: report.periodEnd },
        line: {
          id: line.id,
          productId: line.product.id,
          quantity: line.quantity,
          batchNumber: line.batchNumber,
          endCustomerName: line.endCustomerName,
          saleRegion,
          soldOn: line.soldOn,
        },
        distributorRegions: regions,
      };
      if (!regionIds.includes(saleRegion.id)) {
        drafts.push({
          kind: ChannelConflictKind.SALE_OUTSIDE_REGION,
          distributorId,
          // Without a region of its own, the distributor's "home" is where it sold: that region's director decides.
          homeRegionId: regions[0]?.id ?? saleRegion.id,
          foundRegionId: saleRegion.id,
          batchNumber: line.batchNumber,
          evidence: reported,
          sourceKey: `sell-through:${line.id}:${ChannelConflictKind.SALE_OUTSIDE_REGION}`,
        });
      }
      const shipments = batches.get(line.batchNumber);
      if (shipments !== undefined && shipments.length > 0) {
        drafts.push({
          kind: ChannelConflictKind.BATCH_FROM_OTHER_REGION,
          distributorId,
          homeRegionId: shipments[0].deliveryRegion.id,
          foundRegionId: saleRegion.id,
          batchNumber: line.batchNumber,
          evidence: { ...reported, shipments },
          sourceKey: `sell-through:${line.id}:${ChannelConflictKind.BATCH_FROM_OTHER_REGION}`,
        });
      }
    }
    return drafts;
  }
}
