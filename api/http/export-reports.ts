import type { Language } from '../i18n';

/** A text in each language the API speaks. */
export type Localized = Readonly<Record<Language, string>>;

/**
 * A report served at `GET /export/<name>.<csv|xlsx>?<variables>`. It is an ordinary query of the public schema,
 * run as the viewer through the same server as `/graphql`; its variables are the query-string parameters.
 */
export interface ExportReport {
  title: Localized;
  /** One named query operation. */
  query: string;
  /** Response keys (dotted) of the list of rows; default: the first list of objects. */
  rows?: string;
  /** Response keys of an object written after the rows as their total, with `totalLabel` in its first empty cell. */
  total?: string;
  /** Column headers by column key (`groupName`, `customer.name`); a column without one is headed by its key. */
  labels?: Readonly<Record<string, Localized>>;
}

/** What the total row of a named report says in its first cell. */
export const TOTAL_LABEL: Localized = { en: 'Total', 'zh-CN': '合计' };

const AGING_COLUMNS = 'groupName days0To30 days31To60 days61To90 over90 total overdue invoiceCount groupId';
const COLLECTION_COLUMNS = 'ownerName invoiced collected openAtEnd daysSalesOutstanding averageDaysToCollect ownerId';

const SALES_COLUMNS =
  'period regionName teamName repName productLineName productName channel customerTier industry customerName ' +
  'bookedAmount quantity orderCount averageOrderValue margin marginRate newCustomerCount newCustomerAmount existingCustomerAmount';
const FUNNEL_COLUMNS = 'stage count amount weightedAmount reached conversionRate averageDaysInStage';
const FORECAST_COLUMNS = 'month target actual commit bestCase pipeline submittedCommit submittedBestCase submittedPipeline submitters adjustments';

/**
 * The named reports. Adding one is an entry here: its query, where its rows are, and its column labels; the
 * endpoint, the variables from the query string, paging (for a connection) and both formats come with it.
 */
export const EXPORT_REPORTS: Readonly<Record<string, ExportReport>> = {
  receivablesAging: {
    title: { en: 'Receivables aging', 'zh-CN': '应收账款账龄' },
    query: `query ReceivablesAgingExport($groupBy: ReceivablesGroupBy!, $asOf: LocalDate) {
  receivablesAging(groupBy: $groupBy, asOf: $asOf) { rows { ${AGING_COLUMNS} } grandTotal { ${AGING_COLUMNS} } }
}`,
    rows: 'receivablesAging.rows',
    total: 'receivablesAging.grandTotal',
    labels: {
      groupName: { en: 'Name', 'zh-CN': '名称' },
      days0To30: { en: '0–30 days', 'zh-CN': '0–30 天' },
      days31To60: { en: '31–60 days', 'zh-CN': '31–60 天' },
      days61To90: { en: '61–90 days', 'zh-CN': '61–90 天' },
      over90: { en: 'Over 90 days', 'zh-CN': '90 天以上' },
      total: { en: 'Total open', 'zh-CN': '应收合计' },
      overdue: { en: 'Overdue', 'zh-CN': '已逾期' },
      invoiceCount: { en: 'Invoices', 'zh-CN': '发票数' },
      groupId: { en: 'ID', 'zh-CN': 'ID' },
    },
  },
  collectionPerformance: {
    title: { en: 'Collection performance', 'zh-CN': '回款绩效' },
    query: `query CollectionPerformanceExport($from: LocalDate!, $to: LocalDate!) {
  collectionPerformance(from: $from, to: $to) { rows { ${COLLECTION_COLUMNS} } total { ${COLLECTION_COLUMNS} } }
}`,
    rows: 'collectionPerformance.rows',
    total: 'collectionPerformance.total',
    labels: {
      ownerName: { en: 'Owner', 'zh-CN': '负责人' },
      invoiced: { en: 'Invoiced', 'zh-CN': '开票金额' },
      collected: { en: 'Collected', 'zh-CN': '回款金额' },
      openAtEnd: { en: 'Open at end', 'zh-CN': '期末应收' },
      daysSalesOutstanding: { en: 'Days sales outstanding', 'zh-CN': '应收账款周转天数' },
      averageDaysToCollect: { en: 'Average days to collect', 'zh-CN': '平均回款天数' },
      ownerId: { en: 'ID', 'zh-CN': 'ID' },
    },
  },
  salesAnalysis: {
    title: { en: 'Sales analysis', 'zh-CN': '销售分析' },
    query: `query SalesAnalysisExport($from: LocalDate!, $to: LocalDate!, $groupBy: [SalesDimension!]!, $period: AnalysisPeriod, $compareWith: SalesComparison,
  $orgUnitId: ID, $ownerId: ID, $productLineId: ID, $channel: SalesChannel, $customerTier: CustomerTier, $industry: String) {
  salesAnalysis(input: { from: $from, to: $to, groupBy: $groupBy, period: $period, compareWith: $compareWith, orgUnitId: $orgUnitId, ownerId: $ownerId,
    productLineId: $productLineId, channel: $channel, customerTier: $customerTier, industry: $industry }) { rows { ${SALES_COLUMNS} } total { ${SALES_COLUMNS} } }
}`,
    rows: 'salesAnalysis.rows',
    total: 'salesAnalysis.total',
    labels: {
      period: { en: 'Period', 'zh-CN': '期间' },
      regionName: { en: 'Region', 'zh-CN': '大区' },
      teamName: { en: 'Team', 'zh-CN': '小组' },
      repName: { en: 'Sales rep', 'zh-CN': '销售代表' },
      productLineName: { en: 'Product line', 'zh-CN': '产品线' },
      productName: { en: 'Product', 'zh-CN': '产品' },
      channel: { en: 'Channel', 'zh-CN': '渠道' },
      customerTier: { en: 'Customer tier', 'zh-CN': '客户等级' },
      industry: { en: 'Industry', 'zh-CN': '行业' },
      customerName: { en: 'Customer', 'zh-CN': '客户' },
      bookedAmount: { en: 'Booked', 'zh-CN': '销售额' },
      quantity: { en: 'Quantity', 'zh-CN': '数量' },
      orderCount: { en: 'Orders', 'zh-CN': '订单数' },
      averageOrderValue: { en: 'Average order value', 'zh-CN': '平均订单金额' },
      margin: { en: 'Margin', 'zh-CN': '毛利' },
      marginRate: { en: 'Margin rate', 'zh-CN': '毛利率' },
      newCustomerCount: { en: 'New customers', 'zh-CN': '新客户数' },
      newCustomerAmount: { en: 'From new customers', 'zh-CN': '新客户销售额' },
      existingCustomerAmount: { en: 'From existing customers', 'zh-CN': '老客户销售额' },
    },
  },
  pipelineFunnel: {
    title: { en: 'Pipeline funnel', 'zh-CN': '销售漏斗' },
    query: `query PipelineFunnelExport($from: LocalDate!, $to: LocalDate!, $orgUnitId: ID, $ownerId: ID) {
  pipelineFunnel(from: $from, to: $to, orgUnitId: $orgUnitId, ownerId: $ownerId) { stages { ${FUNNEL_COLUMNS} } }
}`,
    rows: 'pipelineFunnel.stages',
    labels: {
      stage: { en: 'Stage', 'zh-CN': '阶段' },
      count: { en: 'Open deals', 'zh-CN': '在途商机数' },
      amount: { en: 'Amount', 'zh-CN': '金额' },
      weightedAmount: { en: 'Weighted amount', 'zh-CN': '加权金额' },
      reached: { en: 'Cohort reached', 'zh-CN': '队列到达数' },
      conversionRate: { en: 'Conversion to next', 'zh-CN': '下一阶段转化率' },
      averageDaysInStage: { en: 'Average days in stage', 'zh-CN': '平均停留天数' },
    },
  },
  forecastRollup: {
    title: { en: 'Rolling forecast', 'zh-CN': '滚动预测' },
    query: `query ForecastRollupExport($from: LocalDate!, $months: Int, $orgUnitId: ID, $userId: ID) {
  forecastRollup(from: $from, months: $months, orgUnitId: $orgUnitId, userId: $userId) { rows { ${FORECAST_COLUMNS} } }
}`,
    rows: 'forecastRollup.rows',
    labels: {
      month: { en: 'Month', 'zh-CN': '月份' },
      target: { en: 'Target', 'zh-CN': '目标' },
      actual: { en: 'Actual', 'zh-CN': '实际' },
      commit: { en: 'Commit', 'zh-CN': '承诺' },
      bestCase: { en: 'Best case', 'zh-CN': '最佳情况' },
      pipeline: { en: 'Pipeline', 'zh-CN': '管道' },
      submittedCommit: { en: 'Commit as submitted', 'zh-CN': '提交的承诺' },
      submittedBestCase: { en: 'Best case as submitted', 'zh-CN': '提交的最佳情况' },
      submittedPipeline: { en: 'Pipeline as submitted', 'zh-CN': '提交的管道' },
      submitters: { en: 'Submitters', 'zh-CN': '提交人数' },
      adjustments: { en: 'Adjustments', 'zh-CN': '调整次数' },
    },
  },
};
