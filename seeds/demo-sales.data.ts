/**
 * The demo company's sales data: customers in all three regions (some through the distributor in the south),
 * their contacts, visits, complaints and surveys, leads in every status, and opportunities in every stage. Dates are
 * days relative to the day the demo is seeded, so health scores and SLAs look alive whenever it is started. All
 * companies and people are fictional.
 */

export interface DemoCustomer {
  key: string;
  name: string;
  taxId: string;
  industry: string;
  regionKey: 'east' | 'south' | 'north';
  address: string;
  ownerEmail: string;
  keyAccountManagerEmail?: string;
  tier: 'A' | 'B' | 'C';
  lifecycle: 'PROSPECT' | 'DEVELOPING' | 'STABLE' | 'DECLINING' | 'CHURNED';
  throughDistributor?: boolean;
  creditLimit: string;
  currentExposure: string;
  paymentDelayDays: number;
  tags: string[];
  contacts: { name: string; title: string; phone: string; email: string; decisionRole: string; isPrimary?: boolean }[];
}

const KAM = 'huimin.li@huaxin.demo';

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    key: 'baosteel-precision', name: '上海宝钢精密机械有限公司', taxId: '91310115MA1K3B7X2N', industry: '钢铁冶金', regionKey: 'east',
    address: '上海市宝山区富锦路 885 号', ownerEmail: 'lei.zhao@huaxin.demo', keyAccountManagerEmail: KAM, tier: 'A', lifecycle: 'STABLE',
    creditLimit: '2000000.00', currentExposure: '850000.00', paymentDelayDays: 12, tags: ['重点客户', '年度框架'],
    contacts: [
      { name: '钱国栋', title: '设备部部长', phone: '+86 139 1650 2231', email: 'qian.guodong@bsjm.example', decisionRole: 'DECISION_MAKER', isPrimary: true },
      { name: '沈佳', title: '采购主管', phone: '+86 136 2144 7810', email: 'shen.jia@bsjm.example', decisionRole: 'PURCHASER' },
    ],
  },
  {
    key: 'shenlian-automation', name: '上海申联自动化设备有限公司', taxId: '91310112MA1G8P4L6Q', industry: '自动化集成', regionKey: 'east',
    address: '上海市闵行区莘庄工业区申富路 318 号', ownerEmail: 'lei.zhao@huaxin.demo', tier: 'B', lifecycle: 'DEVELOPING',
    creditLimit: '500000.00', currentExposure: '120000.00', paymentDelayDays: 3, tags: ['系统集成商'],
    contacts: [{ name: '陆文斌', title: '技术总监', phone: '+86 138 1732 0456', email: 'lu.wenbin@shenlian.example', decisionRole: 'TECHNICAL_EVALUATOR', isPrimary: true }],
  },
  {
    key: 'huichuan-packaging', name: '苏州汇川包装机械有限公司', taxId: '91320506MA1MX3KQ8R', industry: '包装机械', regionKey: 'east',
    address: '江苏省苏州市吴中区越溪街道吴中大道 2888 号', ownerEmail: 'ting.wu@huaxin.demo', tier: 'B', lifecycle: 'PROSPECT',
    creditLimit: '300000.00', currentExposure: '0.00', paymentDelayDays: 0, tags: [],
    contacts: [{ name: '顾晓峰', title: '总经理', phone: '+86 137 7175 3302', email: 'gu.xiaofeng@hcpack.example', decisionRole: 'DECISION_MAKER', isPrimary: true }],
  },
  {
    key: 'lingang-energy', name: '上海临港新能源科技有限公司', taxId: '91310000MA1FL5T93C', industry: '新能源', regionKey: 'east',
    address: '上海市浦东新区临港新片区层林路 1000 号', ownerEmail: 'chao.ma@huaxin.demo', keyAccountManagerEmail: KAM, tier: 'A', lifecycle: 'STABLE',
    creditLimit: '3000000.00', currentExposure: '1260000.00', paymentDelayDays: 5, tags: ['重点客户', '储能'],
    contacts: [{ name: '任思远', title: '项目总监', phone: '+86 135 6480 9921', email: 'ren.siyuan@lgne.example', decisionRole: 'DECISION_MAKER', isPrimary: true }],
  },
  {
    key: 'zhongce-rubber', name: '杭州中策橡胶制品有限公司', taxId: '91330100MA2B0C7E5K', industry: '橡胶制品', regionKey: 'east',
    address: '浙江省杭州市钱塘区 10 号大街 88 号', ownerEmail: 'peng.gao@huaxin.demo', tier: 'C', lifecycle: 'DECLINING',
    creditLimit: '200000.00', currentExposure: '160000.00', paymentDelayDays: 35, tags: ['回款风险'],
    contacts: [{ name: '方建华', title: '设备科长', phone: '+86 139 5712 6408', email: 'fang.jianhua@zcrubber.example', decisionRole: 'INFLUENCER', isPrimary: true }],
  },
  {
    key: 'ningbo-port-machinery', name: '宁波港机重工有限公司', taxId: '91330206MA2H4R1N7D', industry: '港口机械', regionKey: 'east',
    address: '浙江省宁波市北仑区明州路 555 号', ownerEmail: 'peng.gao@huaxin.demo', tier: 'B', lifecycle: 'PROSPECT',
    creditLimit: '0.00', currentExposure: '0.00', paymentDelayDays: 0, tags: [],
    contacts: [{ name: '邬海军', title: '电气工程师', phone: '+86 158 6875 1190', email: 'wu.haijun@nbpm.example', decisionRole: 'TECHNICAL_EVALUATOR', isPrimary: true }],
  },
  {
    key: 'baiyun-electric', name: '广州白云电器设备股份有限公司', taxId: '91440101MA59D8XK2P', industry: '电气设备', regionKey: 'south',
    address: '广东省广州市白云区江高镇神山大道 89 号', ownerEmail: 'wenbo.xie@huaxin.demo', tier: 'A', lifecycle: 'STABLE',
    creditLimit: '1500000.00', currentExposure: '430000.00', paymentDelayDays: 8, tags: ['重点客户'],
    contacts: [{ name: '黎志聪', title: '采购经理', phone: '+86 138 2266 4180', email: 'li.zhicong@byelec.example', decisionRole: 'PURCHASER', isPrimary: true }],
  },
  {
    key: 'midea-shunde', name: '佛山顺德美智家电有限公司', taxId: '91440606MA4W7L2Q9H', industry: '家电制造', regionKey: 'south',
    address: '广东省佛山市顺德区北滘镇美的大道 6 号', ownerEmail: 'yutong.song@huaxin.demo', tier: 'B', lifecycle: 'DEVELOPING', throughDistributor: true,
    creditLimit: '600000.00', currentExposure: '90000.00', paymentDelayDays: 2, tags: ['经销渠道'],
    contacts: [{ name: '何嘉敏', title: '生产部经理', phone: '+86 136 3188 5207', email: 'he.jiamin@mzjd.example', decisionRole: 'USER', isPrimary: true }],
  },
  {
    key: 'dongguan-mould', name: '东莞精工模具有限公司', taxId: '91441900MA51P6B3XJ', industry: '模具', regionKey: 'south',
    address: '广东省东莞市长安镇振安中路 213 号', ownerEmail: 'wenbo.xie@huaxin.demo', tier: 'C', lifecycle: 'PROSPECT', throughDistributor: true,
    creditLimit: '100000.00', currentExposure: '0.00', paymentDelayDays: 0, tags: ['经销渠道'],
    contacts: [{ name: '袁志伟', title: '厂长', phone: '+86 139 2581 6634', email: 'yuan.zhiwei@dgjg.example', decisionRole: 'DECISION_MAKER', isPrimary: true }],
  },
  {
    key: 'huaqiang-smart', name: '深圳华强智能装备有限公司', taxId: '91440300MA5F2K8D4M', industry: '电子制造', regionKey: 'south',
    address: '广东省深圳市宝安区福永街道凤凰第四工业区', ownerEmail: 'zihao.feng@huaxin.demo', tier: 'B', lifecycle: 'STABLE',
    creditLimit: '800000.00', currentExposure: '210000.00', paymentDelayDays: 0, tags: [],
    contacts: [{ name: '蔡伟明', title: '工程部经理', phone: '+86 135 1093 2276', email: 'cai.weiming@hqzn.example', decisionRole: 'TECHNICAL_EVALUATOR', isPrimary: true }],
  },
  {
    key: 'yanshan-petrochem', name: '北京燕山石化设备有限公司', taxId: '91110111MA01C9R7XF', industry: '石油化工', regionKey: 'north',
    address: '北京市房山区燕山岗南路 1 号', ownerEmail: 'hao.tian@huaxin.demo', keyAccountManagerEmail: KAM, tier: 'A', lifecycle: 'STABLE',
    creditLimit: '2500000.00', currentExposure: '640000.00', paymentDelayDays: 15, tags: ['重点客户', '国企'],
    contacts: [{ name: '郝建军', title: '仪表车间主任', phone: '+86 138 0110 7765', email: 'hao.jianjun@yspc.example', decisionRole: 'INFLUENCER', isPrimary: true }],
  },
  {
    key: 'tianjin-logistics', name: '天津港保税区物流装备有限公司', taxId: '91120116MA07K2W5LT', industry: '物流装备', regionKey: 'north',
    address: '天津市滨海新区天津港保税区海滨五路 66 号', ownerEmail: 'chen.cheng@huaxin.demo', tier: 'C', lifecycle: 'PROSPECT',
    creditLimit: '0.00', currentExposure: '0.00', paymentDelayDays: 0, tags: [],
    contacts: [{ name: '尹天宇', title: '设备主管', phone: '+86 137 2044 8123', email: 'yin.tianyu@tjlog.example', decisionRole: 'USER', isPrimary: true }],
  },
  {
    key: 'jingcheng-water', name: '北京京城水务集团有限公司', taxId: '91110000MA00G3H6YB', industry: '市政水务', regionKey: 'north',
    address: '北京市朝阳区东三环北路 38 号', ownerEmail: 'hao.tian@huaxin.demo', tier: 'B', lifecycle: 'DEVELOPING',
    creditLimit: '1000000.00', currentExposure: '0.00', paymentDelayDays: 0, tags: ['国企'],
    contacts: [{ name: '常立新', title: '节能办主任', phone: '+86 139 1077 5402', email: 'chang.lixin@jcwater.example', decisionRole: 'DECISION_MAKER', isPrimary: true }],
  },
];

export interface DemoVisit {
  customerKey: string;
  byEmail: string;
  withEmail?: string;
  daysAgo: number;
  purpose: string;
  outcome: string;
  nextStep?: string;
}

export const DEMO_VISITS: DemoVisit[] = [
  { customerKey: 'baosteel-precision', byEmail: 'lei.zhao@huaxin.demo', withEmail: 'wei.huang@huaxin.demo', daysAgo: 5, purpose: '年度框架协议商务谈判（协访）', outcome: '客户接受分批交付，要求折扣 8%', nextStep: '提交折扣审批' },
  { customerKey: 'baosteel-precision', byEmail: 'lei.zhao@huaxin.demo', daysAgo: 21, purpose: '冷轧线 PLC 改造验收', outcome: '验收通过', nextStep: '跟进 2027 框架' },
  { customerKey: 'shenlian-automation', byEmail: 'lei.zhao@huaxin.demo', daysAgo: 12, purpose: '变频器选型交流', outcome: '确认 ACS 系列方案', nextStep: '两周内提交方案书' },
  { customerKey: 'zhongce-rubber', byEmail: 'peng.gao@huaxin.demo', daysAgo: 75, purpose: '回款催收', outcome: '承诺月底前付清 60%' },
  { customerKey: 'baiyun-electric', byEmail: 'wenbo.xie@huaxin.demo', withEmail: 'jiaxin.liang@huaxin.demo', daysAgo: 8, purpose: '开关柜测温方案报价（协访）', outcome: '客户认可方案', nextStep: '等待客户确认报价' },
  { customerKey: 'yanshan-petrochem', byEmail: 'hao.tian@huaxin.demo', withEmail: 'qingfeng.zeng@huaxin.demo', daysAgo: 3, purpose: '雷达液位计更新项目高层拜访（协访）', outcome: '进入商务谈判', nextStep: '准备技术澄清会' },
  { customerKey: 'huaqiang-smart', byEmail: 'zihao.feng@huaxin.demo', daysAgo: 40, purpose: '产线调研', outcome: '收集 SMT 线改造需求' },
];

export interface DemoComplaint {
  key: string;
  customerKey: string;
  title: string;
  description: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED';
  hoursAgo: number;
  resolution?: string;
  survey?: { score: number; comment: string };
}

export const DEMO_COMPLAINTS: DemoComplaint[] = [
  { key: 'zhongce-delay', customerKey: 'zhongce-rubber', title: '传感器交货延迟', description: '第二批 PT100 传感器比合同交期晚 10 天。', severity: 'HIGH', status: 'OPEN', hoursAgo: 50 },
  {
    key: 'baosteel-plc-alarm', customerKey: 'baosteel-precision', title: 'PLC 通讯模块偶发报警', description: '冷轧线 PLC 通讯模块每周出现 1–2 次通讯中断报警。',
    severity: 'MEDIUM', status: 'RESOLVED', hoursAgo: 400, resolution: '更换固件并调整总线终端电阻，连续运行两周无报警。',
    survey: { score: 4, comment: '响应及时，希望后续提供预防性维护。' },
  },
  { key: 'baiyun-manual', customerKey: 'baiyun-electric', title: '说明书缺少中文接线图', description: '测温模块说明书只有英文接线图。', severity: 'LOW', status: 'IN_PROGRESS', hoursAgo: 30 },
];

export interface DemoLead {
  key: string;
  source: 'WEBSITE' | 'EXHIBITION' | 'REFERRAL' | 'COLD_CALL' | 'PARTNER' | 'ADVERTISING' | 'OTHER';
  company: string;
  contactName: string;
  contactTitle: string;
  phone: string;
  regionKey: 'east' | 'south' | 'north';
  teamKey?: string;
  ownerEmail?: string;
  status: 'NEW' | 'ASSIGNED' | 'CONTACTED' | 'QUALIFIED' | 'DISQUALIFIED';
  disqualifiedReason?: string;
}

export const DEMO_LEADS: DemoLead[] = [
  { key: 'pudong-micro', source: 'WEBSITE', company: '上海浦东微电子有限公司', contactName: '陈立', contactTitle: '设备经理', phone: '+86 138 1600 2231', regionKey: 'east', status: 'NEW' },
  { key: 'wuxi-lead', source: 'EXHIBITION', company: '无锡先导智能装备股份有限公司', contactName: '孙敏', contactTitle: '采购工程师', phone: '+86 139 6183 0442', regionKey: 'east', status: 'NEW' },
  { key: 'shanghai-electric', source: 'REFERRAL', company: '上海电气输配电成套设备有限公司', contactName: '刘强', contactTitle: '技术部经理', phone: '+86 137 0168 5523', regionKey: 'east', teamKey: 'east-sh1', ownerEmail: 'ting.wu@huaxin.demo', status: 'ASSIGNED' },
  { key: 'kunshan-precision', source: 'COLD_CALL', company: '昆山精密电子有限公司', contactName: '王芳', contactTitle: '厂务主管', phone: '+86 136 1562 7789', regionKey: 'east', teamKey: 'east-sh1', ownerEmail: 'lei.zhao@huaxin.demo', status: 'CONTACTED' },
  { key: 'guangzhou-metro', source: 'WEBSITE', company: '广州地铁设备维保有限公司', contactName: '李明', contactTitle: '维保部主任', phone: '+86 135 1144 2390', regionKey: 'south', teamKey: 'south-gz', ownerEmail: 'yutong.song@huaxin.demo', status: 'QUALIFIED' },
  { key: 'studio', source: 'ADVERTISING', company: '个人工作室', contactName: '张先生', contactTitle: '店主', phone: '+86 130 0000 1234', regionKey: 'north', teamKey: 'north-bj1', ownerEmail: 'hao.tian@huaxin.demo', status: 'DISQUALIFIED', disqualifiedReason: '个人买家，采购量不足起订量' },
];

export interface DemoOpportunity {
  key: string;
  customerKey: string;
  name: string;
  stage: 'LEAD' | 'CONTACT' | 'NEEDS_ANALYSIS' | 'PROPOSAL' | 'NEGOTIATION' | 'WON' | 'LOST';
  amount: string;
  closeInDays: number;
  productLines: string[];
  nextStep?: string;
  lostReason?: string;
}

export const DEMO_OPPORTUNITIES: DemoOpportunity[] = [
  { key: 'baosteel-2027-sensors', customerKey: 'baosteel-precision', name: '宝钢精密 2027 年度传感器框架', stage: 'NEGOTIATION', amount: '1280000.00', closeInDays: 20, productLines: ['SENSOR'], nextStep: '等待组长审批 8% 折扣' },
  { key: 'baosteel-plc-retrofit', customerKey: 'baosteel-precision', name: '宝钢精密 冷轧线 PLC 改造', stage: 'NEGOTIATION', amount: '460000.00', closeInDays: -30, productLines: ['PLC'] },
  { key: 'shenlian-drives', customerKey: 'shenlian-automation', name: '申联自动化 变频器批量采购', stage: 'PROPOSAL', amount: '186000.00', closeInDays: 45, productLines: ['DRIVE'], nextStep: '提交方案书' },
  { key: 'huichuan-servo', customerKey: 'huichuan-packaging', name: '汇川包装 伺服升级', stage: 'CONTACT', amount: '95000.00', closeInDays: 90, productLines: ['MOTOR'] },
  { key: 'lingang-storage', customerKey: 'lingang-energy', name: '临港新能源 储能产线自动化', stage: 'NEEDS_ANALYSIS', amount: '2400000.00', closeInDays: 120, productLines: ['PLC', 'DRIVE', 'HMI'] },
  { key: 'zhongce-sensors', customerKey: 'zhongce-rubber', name: '中策橡胶 密炼机传感器替换', stage: 'LOST', amount: '78000.00', closeInDays: -10, productLines: ['SENSOR'], lostReason: '价格高于竞品 12%，客户选择本地供应商' },
  { key: 'ningbo-crane', customerKey: 'ningbo-port-machinery', name: '港机重工 岸桥电控', stage: 'LEAD', amount: '650000.00', closeInDays: 150, productLines: ['DRIVE', 'PLC'] },
  { key: 'baiyun-temperature', customerKey: 'baiyun-electric', name: '白云电器 开关柜测温项目', stage: 'NEGOTIATION', amount: '540000.00', closeInDays: 15, productLines: ['SENSOR'], nextStep: '等待客户确认报价' },
  { key: 'midea-q1', customerKey: 'midea-shunde', name: '美智家电 经销订单 2027 Q1', stage: 'PROPOSAL', amount: '220000.00', closeInDays: 40, productLines: ['PNEU'] },
  { key: 'dongguan-trial', customerKey: 'dongguan-mould', name: '精工模具 传感器试用', stage: 'CONTACT', amount: '36000.00', closeInDays: 60, productLines: ['SENSOR'] },
  { key: 'huaqiang-smt', customerKey: 'huaqiang-smart', name: '华强智能 SMT 线变频改造', stage: 'NEEDS_ANALYSIS', amount: '310000.00', closeInDays: 75, productLines: ['DRIVE'] },
  { key: 'yanshan-radar', customerKey: 'yanshan-petrochem', name: '燕山石化 雷达液位计更新', stage: 'NEGOTIATION', amount: '890000.00', closeInDays: 25, productLines: ['SENSOR'] },
  { key: 'tianjin-conveyor', customerKey: 'tianjin-logistics', name: '保税区物流 输送线控制', stage: 'LEAD', amount: '120000.00', closeInDays: 100, productLines: ['PLC'] },
  { key: 'jingcheng-pumps', customerKey: 'jingcheng-water', name: '京城水务 泵站变频节能', stage: 'PROPOSAL', amount: '430000.00', closeInDays: 55, productLines: ['DRIVE', 'MOTOR'] },
];

export interface DemoQuote {
  opportunityKey: string;
  /** Who makes and submits it: the opportunity's owner. */
  byEmail: string;
  lines: { sku: string; quantity: number; discountPercent: string }[];
  /** What happens after submitting: nothing more, a decision by the addressed approver, or the customer accepting. */
  then?: { approveAs?: string; accept?: boolean };
  note?: string;
}

/**
 * Quotes made through the quote service as their owners, so prices, approvals and stage moves are exactly what the
 * API would produce: one awaiting the team manager (8 % > a rep's 5 %), one approved by a director (12 %), one within
 * a rep's authority, and one accepted, which wins its opportunity.
 */
export const DEMO_QUOTES: DemoQuote[] = [
  {
    opportunityKey: 'baosteel-2027-sensors', byEmail: 'lei.zhao@huaxin.demo', note: '2027 年度框架，分四批交付',
    lines: [{ sku: 'SEN-PT100-03', quantity: 400, discountPercent: '8' }, { sku: 'SEN-PRS-02', quantity: 60, discountPercent: '8' }],
  },
  {
    opportunityKey: 'baosteel-plc-retrofit', byEmail: 'lei.zhao@huaxin.demo', then: { accept: true },
    lines: [{ sku: 'PLC-CPU-04', quantity: 12, discountPercent: '3' }, { sku: 'PLC-COM-02', quantity: 24, discountPercent: '3' }],
  },
  {
    opportunityKey: 'baiyun-temperature', byEmail: 'wenbo.xie@huaxin.demo',
    lines: [{ sku: 'SEN-PT100-05', quantity: 600, discountPercent: '4' }],
  },
  {
    opportunityKey: 'yanshan-radar', byEmail: 'hao.tian@huaxin.demo', then: { approveAs: 'qingfeng.zeng@huaxin.demo' }, note: '含三年质保',
    lines: [{ sku: 'SEN-LVL-06', quantity: 48, discountPercent: '12' }],
  },
];
