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
};
