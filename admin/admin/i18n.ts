/**
 * The admin's words in Chinese: the lists' and fields' labels, the fields' descriptions and select options (which
 * the server puts into Keystone's admin meta for each request, see admin/admin-meta-i18n.ts), and the text of the
 * pages this project adds (the dashboard, the navigation, the sign-in page), which the browser translates. English
 * is Keystone's own wording from the keys, and the source text of the pages. Keystone's own chrome (its buttons,
 * filters, dialogs) has no translations and stays English.
 */
import i18next from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, pickLanguage, type Language } from '../../api/i18n/languages';
import type { TargetMetricName } from '../../schema/targets/metric-definitions';

export { pickLanguage, type Language };

/** A list's names: in the navigation and headings (`label`, `plural`) and for one item (`singular`). */
interface ListNames {
  label: string;
  singular: string;
  plural: string;
}

const list = (name: string): ListNames => ({ label: name, singular: name, plural: name });

/** The lists of admin/keystone.ts in Chinese, by list key. */
export const LIST_NAMES_ZH_CN: Readonly<Record<string, ListNames>> = {
  User: list('用户'),
  OrgUnit: list('组织单元'),
  Distributor: list('经销商'),
  ProductLine: list('产品线'),
  Product: list('产品'),
  PriceList: list('价目表'),
  PriceListEntry: list('价目条目'),
  ApprovalLimit: list('审批权限'),
  CommissionPlan: list('提成方案'),
  CommissionPlanAssignee: list('提成方案适用人员'),
  CommissionTier: list('提成档位'),
  VisitNorm: list('拜访频率标准'),
  Customer: list('客户'),
  Scorecard: list('考核表'),
  ScorecardIndicator: list('考核指标'),
  ReportDeadline: list('报告截止时间'),
  ExpenseCategory: list('费用类别'),
};

/** Fields every list shares. */
const COMMON_FIELDS = { id: 'ID', version: '版本', createdAt: '创建时间', updatedAt: '更新时间' } as const;

/** Field labels in Chinese, by list key and field key. */
export const FIELD_LABELS_ZH_CN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  User: {
    ...COMMON_FIELDS,
    name: '姓名',
    englishName: '英文名',
    email: '邮箱',
    phone: '电话',
    password: '密码',
    role: '角色',
    status: '状态',
    unit: '所属组织',
    manager: '直属上级',
    distributor: '经销商',
    hireDate: '入职日期',
  },
  OrgUnit: { ...COMMON_FIELDS, name: '名称', englishName: '英文名称', kind: '类型', parent: '上级单元', head: '负责人', path: '路径', depth: '层级' },
  Distributor: {
    ...COMMON_FIELDS,
    code: '编码',
    name: '名称',
    englishName: '英文名称',
    status: '状态',
    contractStart: '合同开始日期',
    contractEnd: '合同结束日期',
    creditLimit: '信用额度',
    regions: '独家大区',
  },
  ProductLine: { ...COMMON_FIELDS, code: '编码', name: '名称', englishName: '英文名称', description: '描述', active: '启用', products: '产品' },
  Product: {
    ...COMMON_FIELDS,
    sku: 'SKU',
    name: '名称',
    englishName: '英文名称',
    unit: '单位',
    productLine: '产品线',
    status: '状态',
    unitCost: '单位成本',
    specification: '规格说明',
  },
  PriceList: {
    ...COMMON_FIELDS,
    name: '名称',
    currency: '币种',
    channel: '渠道',
    region: '大区',
    validFrom: '生效日期',
    validTo: '失效日期',
    active: '启用',
    entries: '价目条目',
  },
  PriceListEntry: { ...COMMON_FIELDS, priceList: '价目表', product: '产品', listPrice: '目录价', floorPrice: '底价', quantityBreaks: '数量阶梯价' },
  ApprovalLimit: {
    ...COMMON_FIELDS,
    role: '角色',
    maxDiscountPercent: '最大折扣（%）',
    maxContractAmount: '合同金额上限',
    maxExpenseAmount: '费用金额上限',
    currency: '币种',
  },
  CommissionPlan: {
    ...COMMON_FIELDS,
    name: '名称',
    validFrom: '生效日期',
    validTo: '失效日期',
    active: '启用',
    basisMetric: '提成基数',
    appliesToRoles: '适用角色',
    capAmount: '封顶金额（每月）',
    capPercentOfTarget: '封顶（目标的 %）',
    teamAwardKind: '团队奖类型',
    teamAwardValue: '团队奖金额或比例',
    teamAwardSplit: '团队奖分配方式',
    tiers: '提成档位',
    assignees: '适用人员',
  },
  CommissionPlanAssignee: { ...COMMON_FIELDS, plan: '提成方案', user: '人员' },
  CommissionTier: { ...COMMON_FIELDS, plan: '提成方案', achievementFrom: '达成率下限（%）', achievementTo: '达成率上限（%）', ratePercent: '提成比例（%）' },
  VisitNorm: { ...COMMON_FIELDS, tier: '客户等级', visitsPerMonth: '每客户每月拜访次数', maxDaysBetweenContacts: '最长跟进间隔（天）', serviceMode: '服务方式' },
  Customer: { ...COMMON_FIELDS, code: '客户编号', name: '名称', latitude: '纬度', longitude: '经度' },
  Scorecard: {
    ...COMMON_FIELDS,
    name: '名称',
    role: '考核角色',
    validFrom: '生效日期',
    validTo: '失效日期',
    active: '启用',
    mainMetric: '主考核指标',
    missThresholdPercent: '未达标阈值（%）',
    missPeriods: '连续未达标期数',
    indicators: '考核指标',
  },
  ScorecardIndicator: { ...COMMON_FIELDS, scorecard: '考核表', indicator: '指标', weight: '权重（%）', capPercent: '得分上限（%）', position: '顺序' },
  ReportDeadline: { ...COMMON_FIELDS, kind: '报告类型', role: '角色', dueAfterMinutes: '期末后分钟数', dueAfter: '期末后', description: '说明' },
  ExpenseCategory: { ...COMMON_FIELDS, code: '编码', name: '名称', nameEn: '英文名称', position: '排序', active: '启用' },
};

/** Field descriptions in Chinese, by list key and field key (the English is in admin/keystone.ts). */
export const FIELD_DESCRIPTIONS_ZH_CN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  User: { status: '用户不会被删除（其销售记录仍指向他们）：请改为设置为“停用”。' },
  PriceListEntry: { quantityBreaks: '按起订量升序，例如 [{"minQuantity": 10, "unitPrice": "95.00"}]；价格介于底价与目录价之间。' },
  VisitNorm: {
    tier: '没有拜访标准的客户等级不是重点等级，不统计其拜访。',
    visitsPerMonth: '该等级每个客户每月应得到的拜访次数（自访和协访都计入）。',
    maxDaysBetweenContacts: '跟进标准：该等级客户两次联系（拜访或已记录的跟进）之间最多间隔的天数。',
    serviceMode: '该等级的服务方式：专属团队、定期跟进或自动化服务（自动化服务不发跟进提醒）。',
  },
  Customer: {
    latitude: '客户地点的纬度（WGS-84），须与经度同时填写；签到距离据此计算。',
    longitude: '客户地点的经度（WGS-84），须与纬度同时填写。',
  },
  Scorecard: {
    active: '只有启用的考核表才会被使用。请先以停用状态创建，添加考核指标后再启用：权重合计必须为 100。',
    mainMetric: '用于判定某一期间是否未达标的指标。',
    missThresholdPercent: '判定指标的达成率低于此值（目标的百分比）即为该期间未达标。',
    missPeriods: '连续未达标达到此期数，即列入改进计划。',
  },
  ScorecardIndicator: {
    weight: '权重（百分比）；启用的考核表的权重合计为 100（修改前请先停用考核表）。',
    capPercent: '该指标的最高得分（百分比），超额完成最多计到此值。',
  },
  ReportDeadline: {
    role: '某角色没有某类报告的截止时间，即无需提交该类报告。',
    dueAfterMinutes:
      '期末（最后一天 24:00，公司时区）之后的分钟数。日报：540 = 次日 09:00。周报：0 = 周日 24:00，720 = 下周一 12:00。月报：4320 = 次月 3 日 24:00，7200 = 次月 5 日 24:00。季报：21600 = 季度结束后 15 天。',
    description: '截止时间的文字说明，与 API 中显示的一致，例如：次月 3 日 24:00。',
  },
  ExpenseCategory: {
    code: '集成和报表使用的固定编码，例如 TRAVEL；已有报销单使用后最好不要修改。',
    position: '在选择列表中的顺序（升序）。',
    active: '停用的类别仍保留在已有报销单上，但不能再用于新的费用明细。',
  },
};

const ROLE_NAMES = {
  ADMIN: '系统管理员',
  SALES_VP: '销售副总裁',
  REGIONAL_DIRECTOR: '销售总监',
  TEAM_MANAGER: '销售组长',
  SALES_REP: '销售代表',
  KEY_ACCOUNT_MANAGER: '大客户经理',
  CUSTOMER_SERVICE: '客户服务专员',
  TECH_SUPPORT: '技术支持工程师',
  FINANCE: '财务',
  PARTNER: '经销商用户',
  INTEGRATION: '系统集成',
};

/** The target metrics' names in Chinese. */
export const METRIC_NAMES_ZH_CN: Readonly<Record<TargetMetricName, string>> = {
  BOOKED_SALES: '订单销售额',
  COLLECTIONS: '回款额',
  NEW_CUSTOMERS: '新客户数',
  VISITS: '拜访次数',
};

/** What counts toward each target metric, in Chinese (the English is schema/targets/metric-definitions.ts). */
export const METRIC_DEFINITIONS_ZH_CN: Readonly<Record<TargetMetricName, string>> = {
  BOOKED_SALES: '已确认订单的订单行（不含信用冻结中和已取消的订单），按订单确认当天计入。',
  COLLECTIONS: '核销到发票的回款，按回款到账当天计入。',
  NEW_CUSTOMERS: '客户的首个已确认订单。',
  VISITS: '客户拜访，自访和协访都计入。',
};

/** Select options in Chinese, by list key, field key and value (the value itself is what the English shows). */
export const OPTION_LABELS_ZH_CN: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  User: { role: ROLE_NAMES, status: { ACTIVE: '启用', INACTIVE: '停用' } },
  OrgUnit: { kind: { COMPANY: '公司', REGION: '大区', TEAM: '小组' } },
  Distributor: { status: { ACTIVE: '合作中', SUSPENDED: '已暂停', TERMINATED: '已终止' } },
  Product: { status: { ACTIVE: '在售', DRAFT: '草稿', DISCONTINUED: '停产' } },
  PriceList: { channel: { DIRECT: '直销', DISTRIBUTOR: '经销', ONLINE: '线上' } },
  ApprovalLimit: { role: ROLE_NAMES },
  VisitNorm: { tier: { A: 'A 类', B: 'B 类', C: 'C 类' }, serviceMode: { DEDICATED_TEAM: '专属团队', REGULAR: '定期跟进', AUTOMATED: '自动化服务' } },
  Scorecard: { role: ROLE_NAMES, mainMetric: METRIC_NAMES_ZH_CN },
  ReportDeadline: { kind: { DAILY: '日报', WEEKLY: '周报', MONTHLY: '月报', QUARTERLY: '季度述职' }, role: ROLE_NAMES },
  ScorecardIndicator: {
    indicator: {
      BOOKED_SALES_ACHIEVEMENT: '订单销售额达成率',
      COLLECTIONS_ACHIEVEMENT: '回款额达成率',
      NEW_CUSTOMERS_ACHIEVEMENT: '新客户数达成率',
      VISITS_ACHIEVEMENT: '拜访次数达成率',
    },
  },
  CommissionPlan: {
    basisMetric: { BOOKED_SALES: '订单销售额', COLLECTIONS: '回款额' },
    appliesToRoles: ROLE_NAMES,
    teamAwardKind: { AMOUNT: '固定金额', RATE: '团队实绩的比例' },
    teamAwardSplit: { BY_SHARE: '按个人实绩占比', EQUAL: '平均分配' },
  },
};

/**
 * A report deadline's offset (minutes after the period's end) in days, hours and minutes, e.g. `3 d 0 h after the
 * period ends` / `期末后 3 天 0 小时`: 4320 minutes mean more to an admin this way.
 */
export function deadlineOffsetText(minutes: number, language: Language): string {
  const size = Math.abs(minutes);
  const [days, hours, rest] = [Math.floor(size / 1440), Math.floor((size % 1440) / 60), size % 60];
  const zh = language === 'zh-CN';
  if (minutes === 0) return zh ? '期末（最后一天 24:00）' : 'when the period ends (24:00 of its last day)';
  const parts = zh
    ? [days ? `${days} 天` : '', days || hours ? `${hours} 小时` : '', rest ? `${rest} 分钟` : '']
    : [days ? `${days} d` : '', days || hours ? `${hours} h` : '', rest ? `${rest} min` : ''];
  const span = parts.filter(Boolean).join(' ');
  if (zh) return `${minutes > 0 ? '期末后' : '期末前'} ${span}`;
  return `${span} ${minutes > 0 ? 'after' : 'before'} the period ends`;
}

/** The text of the pages this project adds, by its English. */
export const PAGE_TEXT_ZH_CN = {
  'Master data dashboard': '主数据看板',
  'Loading…': '加载中…',
  'Could not load the summary: {{error}}': '无法加载汇总：{{error}}',
  'Active products': '在售产品',
  'All products': '全部产品',
  'Active price lists': '有效价目表',
  'Price lists expiring within {{days}} days': '{{days}} 天内到期的价目表',
  'Price lists about to expire': '即将到期的价目表',
  'None in the next {{days}} days.': '未来 {{days}} 天内没有。',
  '{{name}} ({{channel}}) ends {{day}}': '{{name}}（{{channel}}）于 {{day}} 到期',
  'Products per product line': '各产品线的产品数',
  'Booked-sales achievement by region and month': '各大区每月订单销售额达成情况',
  'Year': '年份',
  'Could not load the achievement: {{error}}': '无法加载达成情况：{{error}}',
  'No regions.': '没有大区。',
  'Actual': '实际',
  'Target': '目标',
  'no target': '无目标',
  '{{month}}: {{actual}} of {{target}} ({{rate}} %)': '{{month}}：实际 {{actual}}，目标 {{target}}（达成 {{rate}}%）',
  '{{month}}: {{actual}}, no target': '{{month}}：实际 {{actual}}，无目标',
  'Bars: booked sales of the region’s people in the month; line: the region’s monthly target (all product lines). In CNY.':
    '柱形：该大区人员当月的订单销售额；横线：该大区的月度目标（全部产品线）。单位：元。',
  'Metric definitions': '指标定义',
  'What counts toward each target metric. These are defined in code (the view sales_performance_fact), not master data: they cannot be edited here.':
    '各目标指标计入哪些数据。指标定义在代码中（视图 sales_performance_fact），不是主数据，不能在此修改。',
  'Metric': '指标',
  'What counts': '计入内容',
  'Sign in': '登录',
  'Email': '邮箱',
  'Password': '密码',
  'Wrong email or password.': '邮箱或密码错误。',
  'SalesGraph admin – sign in': 'SalesGraph 管理后台 – 登录',
} as const;

export type PageText = keyof typeof PAGE_TEXT_ZH_CN;

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: { en: { translation: {} }, 'zh-CN': { translation: PAGE_TEXT_ZH_CN } },
  lng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false, skipOnVariables: true },
});

/** A page's text in `language`, with its values put in. */
export function pageText(language: Language, text: PageText, values: Record<string, string | number> = {}): string {
  return i18n.getFixedT(language)(text, values);
}

/** The language of the browser the admin runs in: its preferences, as it sends them in `Accept-Language`. */
export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') return DEFAULT_LANGUAGE;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}
