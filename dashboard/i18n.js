// @ts-check
/**
 * The dashboard's words in English and Chinese. The language comes from the switch on the page when the user chose
 * one, else from the browser's languages, picked as the API picks from `Accept-Language` (api/i18n/languages.ts):
 * any Chinese tag is Simplified Chinese, any English tag English, anything else English.
 */

/** @typedef {'en' | 'zh-CN'} Language */

const EN = {
  title: 'Sales dashboard',
  'signIn.heading': 'Sign in to the sales dashboard',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.expired': 'Your session has ended: sign in again.',
  signOut: 'Sign out',
  language: 'Language',
  'period.kind': 'Period',
  'period.start': 'Starting',
  'period.MONTH': 'Month',
  'period.QUARTER': 'Quarter',
  'period.YEAR': 'Year',
  metric: 'Measure',
  'metric.BOOKED_SALES': 'Booked sales',
  'metric.COLLECTIONS': 'Collections',
  'metric.NEW_CUSTOMERS': 'New customers',
  'metric.VISITS': 'Visits',
  scope: 'Scope',
  'scope.own': 'My own figures',
  'view.achievement': 'Achievement against target',
  'view.funnel': 'Pipeline funnel',
  'view.forecast': 'Forecast vs target vs actual',
  'view.aging': 'Receivables aging',
  'view.conflicts': 'Channel conflicts',
  'state.loading': 'Loading…',
  'state.unavailable': 'Not available yet: this server does not offer this view.',
  'state.forbidden': 'No access: your role may not see this view.',
  'state.empty': 'Nothing to show for this selection.',
  'state.error': 'Could not load this view: {message}',
  'series.target': 'Target',
  'series.actual': 'Actual',
  'series.rate': 'Achievement %',
  'series.amount': 'Amount',
  'series.weightedAmount': 'Weighted amount',
  'series.commit': 'Commit',
  'series.bestCase': 'Best case',
  'series.pipeline': 'Pipeline',
  'series.days0To30': '0–30 days',
  'series.days31To60': '31–60 days',
  'series.days61To90': '61–90 days',
  'series.over90': 'Over 90 days',
  'aging.groupBy': 'Group by',
  'aging.REGION': 'Region',
  'aging.TEAM': 'Team',
  'aging.OWNER': 'Owner',
  'aging.CUSTOMER': 'Customer',
  'aging.asOf': 'As of {date}; total open {total}, overdue {overdue}',
  'aging.others': 'Others',
  'aging.none': '(no group)',
  'conflicts.total': 'Conflicts detected (all periods): {count}',
  'conflicts.unknownRegion': '(unknown region)',
  'conflict.BATCH_FROM_OTHER_REGION': 'Batch from another region',
  'conflict.SALE_OUTSIDE_REGION': 'Sale outside region',
  'conflict.SHIPMENT_OUTSIDE_REGION': 'Shipment outside region',
  'conflictStatus.OPEN': 'Open',
  'conflictStatus.CONFIRMED': 'Confirmed',
  'conflictStatus.DISMISSED': 'Dismissed',
  'stage.LEAD': 'Lead',
  'stage.CONTACT': 'Contact',
  'stage.NEEDS_ANALYSIS': 'Needs analysis',
  'stage.PROPOSAL': 'Proposal',
  'stage.NEGOTIATION': 'Negotiation',
  'stage.WON': 'Won',
  'stage.LOST': 'Lost',
  'funnel.outcome': 'Won {won}, lost {lost}',
  'achievement.summary': '{name}: {actual} of {target} ({rate})',
  'achievement.noTarget': 'no target',
  'achievement.drill': 'Open {name}',
  'achievement.up': 'Back to {name}',
  'forecast.summary': '{name}, {months} months from {from}',
  'role.ADMIN': 'Administrator',
  'role.SALES_VP': 'Head of sales',
  'role.REGIONAL_DIRECTOR': 'Regional director',
  'role.TEAM_MANAGER': 'Team manager',
  'role.SALES_REP': 'Sales rep',
  'role.KEY_ACCOUNT_MANAGER': 'Key account manager',
  'role.CUSTOMER_SERVICE': 'Customer service',
  'role.TECH_SUPPORT': 'Technical support',
  'role.FINANCE': 'Finance',
  'role.PARTNER': 'Partner',
  'role.INTEGRATION': 'Integration',
};

/** @typedef {keyof typeof EN} TextKey */

/** @type {Record<TextKey, string>} */
const ZH_CN = {
  title: '销售驾驶舱',
  'signIn.heading': '登录销售驾驶舱',
  'signIn.email': '邮箱',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.expired': '会话已结束，请重新登录。',
  signOut: '退出登录',
  language: '语言',
  'period.kind': '期间',
  'period.start': '起始',
  'period.MONTH': '月度',
  'period.QUARTER': '季度',
  'period.YEAR': '年度',
  metric: '指标',
  'metric.BOOKED_SALES': '销售额',
  'metric.COLLECTIONS': '回款额',
  'metric.NEW_CUSTOMERS': '新客户数',
  'metric.VISITS': '拜访次数',
  scope: '范围',
  'scope.own': '我的业绩',
  'view.achievement': '目标达成',
  'view.funnel': '销售漏斗',
  'view.forecast': '预测、目标与实际',
  'view.aging': '应收账龄',
  'view.conflicts': '窜货（渠道冲突）',
  'state.loading': '加载中…',
  'state.unavailable': '暂不可用：本服务器尚未提供此视图。',
  'state.forbidden': '无权查看：您的角色不能查看此视图。',
  'state.empty': '所选范围内没有数据。',
  'state.error': '无法加载此视图：{message}',
  'series.target': '目标',
  'series.actual': '实际',
  'series.rate': '达成率 %',
  'series.amount': '金额',
  'series.weightedAmount': '加权金额',
  'series.commit': '承诺',
  'series.bestCase': '最佳情况',
  'series.pipeline': '管道',
  'series.days0To30': '0–30 天',
  'series.days31To60': '31–60 天',
  'series.days61To90': '61–90 天',
  'series.over90': '90 天以上',
  'aging.groupBy': '分组',
  'aging.REGION': '大区',
  'aging.TEAM': '小组',
  'aging.OWNER': '负责人',
  'aging.CUSTOMER': '客户',
  'aging.asOf': '截至 {date}；未收合计 {total}，逾期 {overdue}',
  'aging.others': '其他',
  'aging.none': '（无分组）',
  'conflicts.total': '共发现 {count} 起窜货（全部期间）',
  'conflicts.unknownRegion': '（未知大区）',
  'conflict.BATCH_FROM_OTHER_REGION': '外区批次',
  'conflict.SALE_OUTSIDE_REGION': '区外销售',
  'conflict.SHIPMENT_OUTSIDE_REGION': '区外发货',
  'conflictStatus.OPEN': '待处理',
  'conflictStatus.CONFIRMED': '已确认',
  'conflictStatus.DISMISSED': '已排除',
  'stage.LEAD': '线索',
  'stage.CONTACT': '初步接触',
  'stage.NEEDS_ANALYSIS': '需求分析',
  'stage.PROPOSAL': '方案报价',
  'stage.NEGOTIATION': '商务谈判',
  'stage.WON': '赢单',
  'stage.LOST': '输单',
  'funnel.outcome': '赢单 {won}，输单 {lost}',
  'achievement.summary': '{name}：实际 {actual} / 目标 {target}（{rate}）',
  'achievement.noTarget': '无目标',
  'achievement.drill': '查看 {name}',
  'achievement.up': '返回 {name}',
  'forecast.summary': '{name}，自 {from} 起 {months} 个月',
  'role.ADMIN': '系统管理员',
  'role.SALES_VP': '销售经理',
  'role.REGIONAL_DIRECTOR': '销售总监',
  'role.TEAM_MANAGER': '组长',
  'role.SALES_REP': '销售代表',
  'role.KEY_ACCOUNT_MANAGER': '大客户经理',
  'role.CUSTOMER_SERVICE': '客户服务专员',
  'role.TECH_SUPPORT': '技术支持工程师',
  'role.FINANCE': '财务',
  'role.PARTNER': '经销商',
  'role.INTEGRATION': '系统集成',
};

/** @type {Record<Language, Record<TextKey, string>>} */
const TEXTS = { en: EN, 'zh-CN': ZH_CN };

/** @type {readonly Language[]} */
export const LANGUAGES = ['en', 'zh-CN'];

/**
 * The first of `preferences` that the dashboard has, the way the API picks one (api/i18n/languages.ts).
 * @param {readonly string[]} preferences most preferred first, e.g. `navigator.languages`
 * @returns {Language}
 */
export function pickLanguage(preferences) {
  for (const tag of preferences) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/**
 * `key`'s text in `language`, with `{name}` placeholders filled from `values`.
 * @param {Language} language
 * @param {TextKey} key
 * @param {Record<string, string | number>} [values]
 */
export function text(language, key, values = {}) {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * A text key made at run time from an enum value (`stage.` + `WON`); the key itself when there is no such text.
 * @param {Language} language
 * @param {string} prefix
 * @param {string} value
 */
export function enumText(language, prefix, value) {
  const key = `${prefix}.${value}`;
  return key in EN ? text(language, /** @type {TextKey} */ (key)) : value;
}

/**
 * Money and counts for labels, in the language's way of writing numbers.
 * @param {Language} language
 * @param {string | number | null | undefined} value
 */
export function formatNumber(language, value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(Number(value));
}
