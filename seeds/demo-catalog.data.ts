/**
 * The demo catalogue of an industrial-goods seller: six product lines of product families, each family in several
 * variants. Expanded deterministically into ~300 products by demo-catalog.seeder.ts.
 */
export interface DemoFamily {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  /** Unit cost of the first variant, in CNY. */
  baseCost: number;
  /** Variant labels: each becomes one product, priced up by 12 % per step. */
  variants: string[];
}

export interface DemoProductLine {
  code: string;
  skuPrefix: string;
  name: string;
  nameEn: string;
  description: string;
  families: DemoFamily[];
}

const RANGES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];

export const DEMO_PRODUCT_LINES: DemoProductLine[] = [
  {
    code: 'SENSOR',
    skuPrefix: 'SEN',
    name: '传感器',
    nameEn: 'Sensors',
    description: '温度、压力、位置与光电传感器',
    families: [
      { code: 'PT100', name: 'PT100 温度传感器', nameEn: 'PT100 temperature sensor', unit: '支', baseCost: 86, variants: RANGES },
      { code: 'PRS', name: '压力变送器', nameEn: 'Pressure transmitter', unit: '台', baseCost: 420, variants: RANGES },
      { code: 'PRX', name: '电感式接近开关', nameEn: 'Inductive proximity switch', unit: '个', baseCost: 38, variants: RANGES },
      { code: 'PEC', name: '光电传感器', nameEn: 'Photoelectric sensor', unit: '个', baseCost: 65, variants: RANGES },
      { code: 'LVL', name: '雷达液位计', nameEn: 'Radar level meter', unit: '台', baseCost: 2300, variants: RANGES },
    ],
  },
  {
    code: 'PLC',
    skuPrefix: 'PLC',
    name: 'PLC 与控制器',
    nameEn: 'PLCs and controllers',
    description: '小型与中型可编程控制器及扩展模块',
    families: [
      { code: 'CPU', name: '小型 PLC 主机', nameEn: 'Compact PLC CPU', unit: '台', baseCost: 1450, variants: RANGES },
      { code: 'DIO', name: '数字量 I/O 模块', nameEn: 'Digital I/O module', unit: '块', baseCost: 380, variants: RANGES },
      { code: 'AIO', name: '模拟量 I/O 模块', nameEn: 'Analog I/O module', unit: '块', baseCost: 690, variants: RANGES },
      { code: 'COM', name: '通讯模块', nameEn: 'Communication module', unit: '块', baseCost: 820, variants: RANGES },
      { code: 'PSU', name: '导轨电源', nameEn: 'DIN-rail power supply', unit: '台', baseCost: 160, variants: RANGES },
    ],
  },
  {
    code: 'DRIVE',
    skuPrefix: 'DRV',
    name: '变频器与伺服',
    nameEn: 'Drives and servo',
    description: '通用变频器、伺服驱动器与伺服电机',
    families: [
      { code: 'VFD', name: '通用变频器', nameEn: 'General-purpose VFD', unit: '台', baseCost: 980, variants: RANGES },
      { code: 'SVD', name: '伺服驱动器', nameEn: 'Servo drive', unit: '台', baseCost: 1600, variants: RANGES },
      { code: 'SVM', name: '伺服电机', nameEn: 'Servo motor', unit: '台', baseCost: 1350, variants: RANGES },
      { code: 'BRK', name: '制动电阻', nameEn: 'Braking resistor', unit: '个', baseCost: 120, variants: RANGES },
      { code: 'FLT', name: '输入电抗器', nameEn: 'Input reactor', unit: '个', baseCost: 260, variants: RANGES },
    ],
  },
  {
    code: 'MOTOR',
    skuPrefix: 'MOT',
    name: '电机',
    nameEn: 'Motors',
    description: '三相异步电机与减速电机',
    families: [
      { code: 'IE3', name: 'IE3 高效三相异步电机', nameEn: 'IE3 induction motor', unit: '台', baseCost: 1150, variants: RANGES },
      { code: 'GM', name: '齿轮减速电机', nameEn: 'Geared motor', unit: '台', baseCost: 1680, variants: RANGES },
      { code: 'STP', name: '步进电机', nameEn: 'Stepper motor', unit: '台', baseCost: 210, variants: RANGES },
      { code: 'FAN', name: '散热风机', nameEn: 'Cooling fan', unit: '台', baseCost: 95, variants: RANGES },
      { code: 'ENC', name: '增量编码器', nameEn: 'Incremental encoder', unit: '个', baseCost: 330, variants: RANGES },
    ],
  },
  {
    code: 'PNEU',
    skuPrefix: 'PNU',
    name: '气动元件',
    nameEn: 'Pneumatics',
    description: '气缸、电磁阀与气源处理',
    families: [
      { code: 'CYL', name: '标准气缸', nameEn: 'Standard cylinder', unit: '个', baseCost: 140, variants: RANGES },
      { code: 'SOL', name: '电磁阀', nameEn: 'Solenoid valve', unit: '个', baseCost: 88, variants: RANGES },
      { code: 'FRL', name: '气源处理三联件', nameEn: 'Filter-regulator-lubricator', unit: '套', baseCost: 190, variants: RANGES },
      { code: 'FIT', name: '快插接头', nameEn: 'Push-in fitting', unit: '包', baseCost: 24, variants: RANGES },
      { code: 'GRP', name: '气动手指', nameEn: 'Pneumatic gripper', unit: '个', baseCost: 460, variants: RANGES },
    ],
  },
  {
    code: 'HMI',
    skuPrefix: 'HMI',
    name: '人机界面与工控机',
    nameEn: 'HMIs and industrial PCs',
    description: '触摸屏、工业平板电脑与网关',
    families: [
      { code: 'TP', name: '触摸屏', nameEn: 'Touch panel', unit: '台', baseCost: 890, variants: RANGES },
      { code: 'IPC', name: '工业平板电脑', nameEn: 'Industrial panel PC', unit: '台', baseCost: 3600, variants: RANGES },
      { code: 'GW', name: '物联网网关', nameEn: 'IoT gateway', unit: '台', baseCost: 760, variants: RANGES },
      { code: 'SW', name: '工业以太网交换机', nameEn: 'Industrial Ethernet switch', unit: '台', baseCost: 540, variants: RANGES },
      { code: 'UPS', name: '工业 UPS', nameEn: 'Industrial UPS', unit: '台', baseCost: 1250, variants: RANGES },
    ],
  },
];

/** Layered authority (分层管理办法): what each sales role may grant, sign and approve on its own. */
export const DEMO_APPROVAL_LIMITS = [
  { role: 'SALES_REP', maxDiscountPercent: '5', maxContractAmount: '200000', maxExpenseAmount: '2000' },
  { role: 'KEY_ACCOUNT_MANAGER', maxDiscountPercent: '8', maxContractAmount: '500000', maxExpenseAmount: '5000' },
  { role: 'TEAM_MANAGER', maxDiscountPercent: '10', maxContractAmount: '500000', maxExpenseAmount: '10000' },
  { role: 'REGIONAL_DIRECTOR', maxDiscountPercent: '15', maxContractAmount: '2000000', maxExpenseAmount: '50000' },
  { role: 'SALES_VP', maxDiscountPercent: '25', maxContractAmount: '10000000', maxExpenseAmount: '200000' },
] as const;

/** A tiered bonus by achievement of target (阶梯奖金). */
export const DEMO_COMMISSION_PLAN = {
  name: '2026 年度销售提成方案 / 2026 sales commission plan',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  tiers: [
    { achievementFrom: '0', achievementTo: '60', ratePercent: '0' },
    { achievementFrom: '60', achievementTo: '80', ratePercent: '1' },
    { achievementFrom: '80', achievementTo: '100', ratePercent: '2' },
    { achievementFrom: '100', achievementTo: '120', ratePercent: '3' },
    { achievementFrom: '120', achievementTo: null, ratePercent: '4.5' },
  ],
};
