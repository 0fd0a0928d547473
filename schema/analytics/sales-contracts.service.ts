import type { RequestContext } from '../../api/context';
import { UserInputError, type FieldProblem } from '../../api/errors';
import { msg } from '../../api/i18n';
import type { Viewer } from '../../api/permissions/viewer';
import { Contract } from '../orders/entities/contract.entity';
import { Invoice } from '../orders/entities/invoice.entity';
import { Payment } from '../orders/entities/payment.entity';
import { SalesOrder } from '../orders/entities/sales-order.entity';
import { contractAmountReaders, contractRowScope, invoiceRowScope, orderRowScope, paymentRowScope } from '../orders/orders.policy';
import { AnalysisPeriod } from './analysis-period';
import { ContractGrouping } from './analytics.enums';
import { MAX_ANALYSIS_DAYS, type ContractFulfilmentInput, type RenewalRateInput } from './analytics.inputs';
import { daysIncluded, scopedIds } from './analytics.sql';
import type { ContractFulfilment, ContractFulfilmentRow, RenewalRateRow, RenewalRates } from './analytics.types';
import { UNBOOKED_ORDER_STATUSES } from './sales-analysis.service';

/** How contract rows are keyed (`k` has owner_id and unit_path) and where a group's name comes from. */
const GROUP_KEYS: Record<Exclude<ContractGrouping, ContractGrouping.CONTRACT>, { key: string; name: string }> = {
  [ContractGrouping.OWNER]: { key: 'k.owner_id', name: `(select u.name from app_user u where u.id = g.key)` },
  // Paths read /company/region/team/: the fourth segment is the team, the third the region.
  [ContractGrouping.TEAM]: { key: `nullif(split_part(k.unit_path, '/', 4), '')::uuid`, name: `(select u.name from org_unit u where u.id = g.key)` },
  [ContractGrouping.REGION]: { key: `nullif(split_part(k.unit_path, '/', 3), '')::uuid`, name: `(select u.name from org_unit u where u.id = g.key)` },
};

const PERIOD_SQL: Record<AnalysisPeriod, { unit: string; label: string }> = {
  [AnalysisPeriod.DAY]: { unit: 'day', label: 'YYYY-MM-DD' },
  [AnalysisPeriod.WEEK]: { unit: 'week', label: 'IYYY-"W"IW' },
  [AnalysisPeriod.MONTH]: { unit: 'month', label: 'YYYY-MM' },
  [AnalysisPeriod.QUARTER]: { unit: 'quarter', label: 'YYYY-"Q"Q' },
  [AnalysisPeriod.YEAR]: { unit: 'year', label: 'YYYY' },
};

interface FulfilmentSqlRow {
  is_total: boolean;
  key: string | null;
  group_name: string | null;
  number: string | null;
  title: string | null;
  customer_id: string | null;
  start_date: string | null;
  end_date: string | null;
  owner_id: string | null;
  owner_name: string | null;
  contract_count: string;
  amount_contract_count: string;
  contract_amount: string | null;
  ordered_amount: string;
  ordered_quantity: string;
  shipped_amount: string;
  shipped_quantity: string;
  invoiced_quantity: string;
  invoiced_amount: string;
  collected_amount: string;
  ordered_of_readable: string | null;
  collected_of_readable: string | null;
}

interface RenewalSqlRow {
  is_total: boolean;
  period_start: string | null;
  period_label: string | null;
  key: string | null;
  group_name: string | null;
  ending_count: string;
  renewed_count: string;
}

const share = (part: string | null, whole: string | null): number | null => {
  if (part === null || whole === null || Number(whole) === 0) return null;
  return Math.round((Number(part) / Number(whole)) * 10_000) / 10_000;
};

function checkSpan(from: string, to: string): void {
  const problems: FieldProblem[] = [];
  if (to < from) problems.push({ path: 'input.to', message: 'must not be before `from`' });
  else if (daysIncluded(from, to) > MAX_ANALYSIS_DAYS) problems.push({ path: 'input.to', message: msg('the period may span at most {{max}} days', { max: MAX_ANALYSIS_DAYS }) });
  if (problems.length > 0) throw new UserInputError(problems);
}

/**
 * Contract reports: fulfilment (H4) and renewal rates (H7), each one statement over the contracts the viewer may see
 * (`contractRowScope`, in SQL). Amounts of contracts are summed only where the viewer may read them
 * (`contractAmountReaders.where`, decided per contract), and the orders, invoices and payments behind the figures are
 * each restricted by their own row scope.
 */
export class SalesContractsService {
  constructor(private readonly ctx: RequestContext) {}

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  async fulfilment(input: ContractFulfilmentInput): Promise<ContractFulfilment> {
    checkSpan(input.from, input.to);
    const em = this.ctx.em;
    const viewer = this.viewer;
    const contracts = scopedIds(em, Contract, contractRowScope(viewer));
    const amountReadable = scopedIds(em, Contract, { $and: [contractRowScope(viewer), contractAmountReaders.where(viewer)] });
    const orders = scopedIds(em, SalesOrder, orderRowScope(viewer));
    const invoices = scopedIds(em, Invoice, invoiceRowScope(viewer));
    const payments = scopedIds(em, Payment, paymentRowScope(viewer));
    const filters: string[] = [];
    const params: unknown[] = [input.from, input.to];
    const filter = (condition: string, value: string | null | undefined) => {
      if (value === undefined || value === null) return;
      filters.push(`and ${condition}`);
      params.push(value);
    };
    filter('c.owner_id = ?', input.ownerId);
    filter(`ou.path like (select g.path from org_unit g where g.id = ?) || '%'`, input.orgUnitId);
    filter('c.customer_id = ?', input.customerId);
    const perContract = input.groupBy === ContractGrouping.CONTRACT;
    const group = input.groupBy === ContractGrouping.CONTRACT ? { key: 'k.id', name: 'null::text' } : GROUP_KEYS[input.groupBy];
    const rows = await em.execute<FulfilmentSqlRow[]>(
      `with k as materialized (
         select c.id, c.owner_id, c.customer_id, c.number, c.title, c.start_date, c.end_date, c.amount, ou.path as unit_path,
                c.id in (${amountReadable}) as amount_readable
           from contract c
           join app_user u on u.id = c.owner_id
           left join org_unit ou on ou.id = u.unit_id
          where c.signed_at is not null and c.end_date >= ?::date and c.start_date <= ?::date
            and c.id in (${contracts})
            ${filters.join(' ')}
       ), orders as materialized (
         select o.id, o.contract_id from sales_order o join k on k.id = o.contract_id
          where o.status not in ${UNBOOKED_ORDER_STATUSES} and o.id in (${orders})
       ), lines as (
         select o.contract_id, sum(ol.line_total) as ordered_amount, sum(ol.quantity) as ordered_quantity,
                sum(ol.shipped_quantity * ol.unit_price) as shipped_amount, sum(ol.shipped_quantity) as shipped_quantity,
                sum(ol.invoiced_quantity) as invoiced_quantity
           from orders o join order_line ol on ol.order_id = o.id
          group by o.contract_id
       ), invoiced as (
         select o.contract_id, sum(i.amount) as amount
           from orders o join invoice i on i.order_id = o.id
          where i.id in (${invoices})
          group by o.contract_id
       ), collected as (
         select o.contract_id, sum(a.amount) as amount
           from orders o join invoice i on i.order_id = o.id join payment_allocation a on a.invoice_id = i.id
          where i.id in (${invoices}) and a.payment_id in (${payments})
          group by o.contract_id
       ), per_contract as (
         select ${group.key} as key, k.*, coalesce(l.ordered_amount, 0) as ordered_amount, coalesce(l.ordered_quantity, 0) as ordered_quantity,
                coalesce(l.shipped_amount, 0) as shipped_amount, coalesce(l.shipped_quantity, 0) as shipped_quantity,
                coalesce(l.invoiced_quantity, 0) as invoiced_quantity, coalesce(v.amount, 0) as invoiced_amount,
                coalesce(p.amount, 0) as collected_amount
           from k
           left join lines l on l.contract_id = k.id
           left join invoiced v on v.contract_id = k.id
           left join collected p on p.contract_id = k.id
       ), g as (
         select grouping(key) <> 0 as is_total, key,
                ${perContract ? 'min(number)' : 'null::text'} as number, ${perContract ? 'min(title)' : 'null::text'} as title,
                ${perContract ? 'min(customer_id::text)::uuid' : 'null::uuid'} as customer_id,
                ${perContract ? 'min(start_date)::text' : 'null::text'} as start_date, ${perContract ? 'min(end_date)::text' : 'null::text'} as end_date,
                ${perContract || input.groupBy === ContractGrouping.OWNER ? 'min(owner_id::text)::uuid' : 'null::uuid'} as owner_id,
                count(*) as contract_count, count(*) filter (where amount_readable) as amount_contract_count,
                sum(amount) filter (where amount_readable) as contract_amount,
                coalesce(sum(ordered_amount), 0) as ordered_amount, coalesce(sum(ordered_quantity), 0) as ordered_quantity,
                coalesce(sum(shipped_amount), 0) as shipped_amount, coalesce(sum(shipped_quantity), 0) as shipped_quantity,
                coalesce(sum(invoiced_quantity), 0) as invoiced_quantity, coalesce(sum(invoiced_amount), 0) as invoiced_amount,
                coalesce(sum(collected_amount), 0) as collected_amount,
                sum(ordered_amount) filter (where amount_readable) as ordered_of_readable,
                sum(collected_amount) filter (where amount_readable) as collected_of_readable
           from per_contract
          group by grouping sets ((key), ())
       )
       select g.*, ${group.name} as group_name,
              (select u.name from app_user u where u.id = g.owner_id) as owner_name
         from g
        order by g.is_total, ${perContract ? 'g.end_date, g.number' : 'group_name, g.key'}`,
      params,
    );
    const toRow = (row: FulfilmentSqlRow): ContractFulfilmentRow => {
      const keyed = !row.is_total;
      const as = (grouping: ContractGrouping, value: string | null) => (keyed && input.groupBy === grouping ? value : null);
      return {
        contractId: as(ContractGrouping.CONTRACT, row.key),
        contractNumber: as(ContractGrouping.CONTRACT, row.number),
        contractTitle: as(ContractGrouping.CONTRACT, row.title),
        customerId: as(ContractGrouping.CONTRACT, row.customer_id),
        startDate: as(ContractGrouping.CONTRACT, row.start_date),
        endDate: as(ContractGrouping.CONTRACT, row.end_date),
        ownerId: keyed ? row.owner_id : null,
        ownerName: keyed ? row.owner_name : null,
        teamId: as(ContractGrouping.TEAM, row.key),
        teamName: as(ContractGrouping.TEAM, row.group_name),
        regionId: as(ContractGrouping.REGION, row.key),
        regionName: as(ContractGrouping.REGION, row.group_name),
        contractCount: Number(row.contract_count),
        amountContractCount: Number(row.amount_contract_count),
        contractAmount: row.contract_amount,
        orderedAmount: row.ordered_amount,
        orderedQuantity: row.ordered_quantity,
        shippedAmount: row.shipped_amount,
        shippedQuantity: row.shipped_quantity,
        invoicedQuantity: row.invoiced_quantity,
        invoicedAmount: row.invoiced_amount,
        collectedAmount: row.collected_amount,
        orderedRate: share(row.ordered_of_readable, row.contract_amount),
        collectedRate: share(row.collected_of_readable, row.contract_amount),
      };
    };
    const total = rows.find((row) => row.is_total)!;
    return { from: input.from, to: input.to, groupBy: input.groupBy, rows: rows.filter((row) => !row.is_total).map(toRow), total: toRow(total) };
  }

  /**
   * Renewal rate per period (of the end date) and unit: of the signed, not terminated contracts ending in the period,
   * the share with a signed renewal (`renewalOf`) the viewer may see. One statement.
   */
  async renewalRates(input: RenewalRateInput): Promise<RenewalRates> {
    checkSpan(input.from, input.to);
    if (input.groupBy === ContractGrouping.CONTRACT) throw UserInputError.field('input.groupBy', 'must be OWNER, TEAM or REGION');
    const em = this.ctx.em;
    const contracts = scopedIds(em, Contract, contractRowScope(this.viewer));
    const period = PERIOD_SQL[input.period];
    const group = input.groupBy === undefined || input.groupBy === null ? null : GROUP_KEYS[input.groupBy];
    const params: unknown[] = [input.from, input.to];
    let unitFilter = '';
    if (input.orgUnitId !== undefined && input.orgUnitId !== null) {
      unitFilter = `and ou.path like (select g.path from org_unit g where g.id = ?) || '%'`;
      params.push(input.orgUnitId);
    }
    const rows = await em.execute<RenewalSqlRow[]>(
      `with k as materialized (
         select c.id, c.owner_id, ou.path as unit_path, date_trunc('${period.unit}', c.end_date)::date as period_start,
                exists (select 1 from contract r where r.renewal_of_id = c.id and r.signed_at is not null and r.id in (${contracts})) as renewed
           from contract c
           join app_user u on u.id = c.owner_id
           left join org_unit ou on ou.id = u.unit_id
          where c.signed_at is not null and c.status <> 'TERMINATED' and c.end_date between ?::date and ?::date
            and c.id in (${contracts})
            ${unitFilter}
       ), g as (
         select grouping(k.period_start) <> 0 as is_total, k.period_start, ${group === null ? 'null::uuid' : group.key} as key,
                count(*) as ending_count, count(*) filter (where k.renewed) as renewed_count
           from k
          group by grouping sets ((k.period_start${group === null ? '' : `, ${group.key}`}), ())
       )
       select g.is_total, g.period_start::text as period_start, to_char(g.period_start, '${period.label}') as period_label, g.key,
              ${group === null ? 'null::text' : group.name} as group_name, g.ending_count, g.renewed_count
         from g
        order by g.is_total, g.period_start, group_name, g.key`,
      params,
    );
    const toRow = (row: RenewalSqlRow): RenewalRateRow => ({
      period: row.is_total ? null : row.period_label,
      periodStart: row.is_total ? null : row.period_start,
      groupId: row.is_total ? null : row.key,
      groupName: row.is_total ? null : row.group_name,
      endingCount: Number(row.ending_count),
      renewedCount: Number(row.renewed_count),
      renewalRate: share(row.renewed_count, row.ending_count),
    });
    const total = rows.find((row) => row.is_total)!;
    return { from: input.from, to: input.to, period: input.period, rows: rows.filter((row) => !row.is_total).map(toRow), total: toRow(total) };
  }
}
