/**
 * The demo company's order-to-cash records: contracts in every status, orders, shipments with batch numbers,
 * invoices and payments, the distributor's orders and sell-through report, and one cross-region sale. They are
 * made through the services as the demo people (see demo-orders.seeder.ts), so approvals, credit holds, statuses,
 * exposures and events are what the API would produce. Day offsets are relative to the day the demo is seeded.
 */

/** A contract signed before the system went live, entered as a draft with its lines and then worked in the system. */
export interface DemoContract {
  key: string;
  customerKey: string;
  ownerEmail: string;
  title: string;
  /** Each line's quantity is worked out from the price so the contract lands near `targetAmount`. */
  lines: { sku: string; share: number; discountPercent: string }[];
  targetAmount: number;
  startInDays: number;
  endInDays: number;
  paymentTermsDays: number;
  /**
   * What happens after entry, in order: submitted up the chain and decided by the named approvers, signed by the
   * owner, terminated by the named manager. The lifecycle job then activates or expires it by its dates.
   */
  then: { submit?: boolean; approvedBy?: string[]; sign?: boolean; terminatedBy?: string; terminationReason?: string };
}

const ZHAO_LEI = 'lei.zhao@huaxin.demo';
const MA_CHAO = 'chao.ma@huaxin.demo';
const SUN_HAITAO = 'haitao.sun@huaxin.demo';
const GAO_PENG = 'peng.gao@huaxin.demo';
const HE_YONGGANG = 'yonggang.he@huaxin.demo';
const XIE_WENBO = 'wenbo.xie@huaxin.demo';
const LIANG_JIAXIN = 'jiaxin.liang@huaxin.demo';
const ZHENG_GUOHUA = 'guohua.zheng@huaxin.demo';
const FENG_ZIHAO = 'zihao.feng@huaxin.demo';
const HAN_LIXIN = 'lixin.han@huaxin.demo';
const TIAN_HAO = 'hao.tian@huaxin.demo';
const XIAO_HONGMEI = 'hongmei.xiao@huaxin.demo';

export const DEMO_FINANCE = 'jing.chen@huaxin.demo';
export const DEMO_CUSTOMER_SERVICE = 'yue.zhang@huaxin.demo';
export const DEMO_PARTNER = 'xiaofeng.ouyang@yuetong.demo';

/**
 * One contract per status. The won deal's contract (宝钢精密 PLC 改造, from its accepted quote) is made in the seeder
 * itself; these are the earlier contracts of the demo customers.
 */
export const DEMO_CONTRACTS: DemoContract[] = [
  {
    key: 'lingang-2025', customerKey: 'lingang-energy', ownerEmail: MA_CHAO, title: '临港新能源 2025 年度传感器供货合同',
    lines: [{ sku: 'SEN-PT100-04', share: 0.6, discountPercent: '4' }, { sku: 'SEN-PRS-03', share: 0.4, discountPercent: '4' }],
    targetAmount: 420000, startInDays: -420, endInDays: -40, paymentTermsDays: 60,
    then: { submit: true, approvedBy: [SUN_HAITAO], sign: true },
  },
  {
    key: 'zhongce-2026', customerKey: 'zhongce-rubber', ownerEmail: GAO_PENG, title: '中策橡胶 密炼机传感器年度合同',
    lines: [{ sku: 'SEN-PRX-02', share: 0.5, discountPercent: '3' }, { sku: 'SEN-PT100-02', share: 0.5, discountPercent: '3' }],
    targetAmount: 150000, startInDays: -150, endInDays: 215, paymentTermsDays: 30,
    then: { sign: true, terminatedBy: HE_YONGGANG, terminationReason: '客户回款持续逾期，双方协商提前终止' },
  },
  {
    key: 'shenlian-2027', customerKey: 'shenlian-automation', ownerEmail: ZHAO_LEI, title: '申联自动化 变频器框架合同（草拟）',
    lines: [{ sku: 'DRV-VFD-03', share: 1, discountPercent: '5' }],
    targetAmount: 180000, startInDays: 30, endInDays: 395, paymentTermsDays: 45,
    then: {},
  },
  {
    key: 'yanshan-2027', customerKey: 'yanshan-petrochem', ownerEmail: TIAN_HAO, title: '燕山石化 仪表年度框架合同 2027',
    lines: [{ sku: 'SEN-LVL-05', share: 0.7, discountPercent: '6' }, { sku: 'SEN-PRS-05', share: 0.3, discountPercent: '6' }],
    targetAmount: 1200000, startInDays: 28, endInDays: 393, paymentTermsDays: 60,
    then: { submit: true, approvedBy: [XIAO_HONGMEI] },
  },
  {
    key: 'huaqiang-2027', customerKey: 'huaqiang-smart', ownerEmail: FENG_ZIHAO, title: '华强智能 SMT 线伺服驱动合同',
    lines: [{ sku: 'DRV-SVD-02', share: 0.6, discountPercent: '5' }, { sku: 'DRV-SVM-02', share: 0.4, discountPercent: '5' }],
    targetAmount: 450000, startInDays: 14, endInDays: 379, paymentTermsDays: 30,
    then: { submit: true, approvedBy: [HAN_LIXIN] },
  },
  {
    key: 'jingcheng-2027', customerKey: 'jingcheng-water', ownerEmail: TIAN_HAO, title: '京城水务 泵站变频器首批合同',
    lines: [{ sku: 'DRV-VFD-05', share: 1, discountPercent: '2' }],
    targetAmount: 160000, startInDays: 20, endInDays: 385, paymentTermsDays: 30,
    then: { sign: true },
  },
  {
    key: 'baiyun-2026', customerKey: 'baiyun-electric', ownerEmail: XIE_WENBO, title: '白云电器 开关柜测温与 PLC 年度合同',
    lines: [{ sku: 'SEN-PT100-05', share: 0.5, discountPercent: '4' }, { sku: 'PLC-CPU-03', share: 0.5, discountPercent: '4' }],
    targetAmount: 700000, startInDays: -60, endInDays: 305, paymentTermsDays: 45,
    then: { submit: true, approvedBy: [LIANG_JIAXIN, ZHENG_GUOHUA], sign: true },
  },
];

/** An order line: a product from the price list (direct and partner orders), or from the order's contract. */
export interface DemoOrderLine {
  sku: string;
  quantity: number;
  discountPercent?: string;
}

/**
 * A shipment of some of an order's units, one batch per line, `shippedInDays` relative to today; delivered when
 * `deliveredInDays` is given; invoiced by finance on `invoicedInDays` for the units shipped so far.
 */
export interface DemoShipment {
  shippedInDays: number;
  lines: { sku: string; quantity: number; batchNumber: string }[];
  deliveredInDays?: number;
  receivedBy?: string;
  invoicedInDays?: number;
  /** Where it went when not the order's own delivery region: a cross-region delivery. */
  deliveryRegionKey?: 'east' | 'south' | 'north';
  deliveryAddress?: string;
}

export interface DemoOrder {
  key: string;
  customerKey: string;
  /** Who places it: the customer's owner, or the partner for the distributor's customers. */
  placedByEmail: string;
  /** Against that demo contract, at its prices; otherwise a direct order at price-list prices. */
  contractKey?: string;
  lines: DemoOrderLine[];
  /** For orders still to ship: the day the customer wants them. */
  requestedDeliveryInDays?: number;
  shipments?: DemoShipment[];
  /** Cancelled by the placer after placing. */
  cancelReason?: string;
}

/**
 * One order in every status: INVOICED (宝钢 against its contract, 临港, 美智 through the distributor), PARTIALLY_SHIPPED
 * (燕山), SHIPPED (精工模具, delivered to 上海: a channel conflict), CONFIRMED (白云 against its contract, 华强),
 * CREDIT_HOLD (中策: over its 200,000 limit, waiting for finance) and CANCELLED (申联).
 */
export const DEMO_ORDERS: DemoOrder[] = [
  {
    key: 'baosteel-plc-1', customerKey: 'baosteel-precision', placedByEmail: ZHAO_LEI, contractKey: 'baosteel-plc',
    lines: [{ sku: 'PLC-CPU-04', quantity: 12 }, { sku: 'PLC-COM-02', quantity: 24 }],
    shipments: [
      { shippedInDays: -85, lines: [{ sku: 'PLC-CPU-04', quantity: 6, batchNumber: 'B2026-0811' }, { sku: 'PLC-COM-02', quantity: 12, batchNumber: 'B2026-0811' }], deliveredInDays: -83, receivedBy: '钱国栋', invoicedInDays: -83 },
      { shippedInDays: -52, lines: [{ sku: 'PLC-CPU-04', quantity: 6, batchNumber: 'B2026-0914' }, { sku: 'PLC-COM-02', quantity: 12, batchNumber: 'B2026-0914' }], deliveredInDays: -50, receivedBy: '沈佳', invoicedInDays: -50 },
    ],
  },
  {
    key: 'lingang-sensors', customerKey: 'lingang-energy', placedByEmail: MA_CHAO,
    lines: [{ sku: 'SEN-PT100-04', quantity: 300, discountPercent: '3' }, { sku: 'SEN-PEC-02', quantity: 200, discountPercent: '3' }],
    shipments: [{ shippedInDays: -128, lines: [{ sku: 'SEN-PT100-04', quantity: 300, batchNumber: 'B2026-0722' }, { sku: 'SEN-PEC-02', quantity: 200, batchNumber: 'B2026-0722' }], deliveredInDays: -126, receivedBy: '任思远', invoicedInDays: -120 }],
  },
  {
    key: 'yanshan-radar-spares', customerKey: 'yanshan-petrochem', placedByEmail: TIAN_HAO,
    lines: [{ sku: 'SEN-LVL-03', quantity: 20, discountPercent: '5' }, { sku: 'SEN-PRS-04', quantity: 40, discountPercent: '5' }],
    shipments: [{ shippedInDays: -80, lines: [{ sku: 'SEN-LVL-03', quantity: 12, batchNumber: 'B2026-0905' }, { sku: 'SEN-PRS-04', quantity: 40, batchNumber: 'B2026-0905' }], invoicedInDays: -75 }],
  },
  {
    key: 'baiyun-first-call', customerKey: 'baiyun-electric', placedByEmail: XIE_WENBO, contractKey: 'baiyun-2026', requestedDeliveryInDays: 12,
    lines: [{ sku: 'SEN-PT100-05', quantity: 500 }],
  },
  {
    key: 'huaqiang-samples', customerKey: 'huaqiang-smart', placedByEmail: FENG_ZIHAO, requestedDeliveryInDays: 10,
    lines: [{ sku: 'DRV-SVD-02', quantity: 8 }, { sku: 'DRV-SVM-02', quantity: 8 }],
  },
  {
    key: 'zhongce-spares', customerKey: 'zhongce-rubber', placedByEmail: GAO_PENG, requestedDeliveryInDays: 14,
    lines: [{ sku: 'SEN-PRS-02', quantity: 120, discountPercent: '2' }],
  },
  {
    key: 'shenlian-cancelled', customerKey: 'shenlian-automation', placedByEmail: ZHAO_LEI, requestedDeliveryInDays: 21,
    lines: [{ sku: 'DRV-VFD-02', quantity: 20, discountPercent: '2' }],
    cancelReason: '客户项目延期，改签框架合同后再下单',
  },
  {
    key: 'midea-q4', customerKey: 'midea-shunde', placedByEmail: DEMO_PARTNER,
    lines: [{ sku: 'SEN-PRX-03', quantity: 400 }, { sku: 'SEN-PEC-03', quantity: 150 }],
    shipments: [{ shippedInDays: -15, lines: [{ sku: 'SEN-PRX-03', quantity: 400, batchNumber: 'B2026-1102' }, { sku: 'SEN-PEC-03', quantity: 150, batchNumber: 'B2026-1102' }], deliveredInDays: -13, receivedBy: '何嘉敏', invoicedInDays: -10 }],
  },
  {
    key: 'dongguan-trial', customerKey: 'dongguan-mould', placedByEmail: DEMO_PARTNER,
    lines: [{ sku: 'SEN-PT100-02', quantity: 120 }],
    shipments: [{ shippedInDays: -6, lines: [{ sku: 'SEN-PT100-02', quantity: 120, batchNumber: 'B2026-1109' }], deliveryRegionKey: 'east', deliveryAddress: '上海市嘉定区安亭镇墨玉南路 1018 号 3 号库' }],
  },
];

/** An invoice of a demo order: the n-th (from 1) invoice finance made for it. */
export type DemoInvoiceRef = `${string}#${number}`;

/**
 * Payments received by finance, allocated to the demo invoices by share of each invoice's amount, with what is left
 * on the payment: every invoice status (PAID, PARTIALLY_PAID, OPEN: 美智's) and every payment status.
 */
export const DEMO_PAYMENTS: {
  key: string;
  customerKey: string;
  receivedInDays: number;
  method: 'BANK_TRANSFER' | 'BANK_ACCEPTANCE' | 'CHEQUE' | 'CASH';
  reference: string;
  payerAccount: string;
  allocations: { invoice: DemoInvoiceRef; share: number }[];
  /** Received beyond the allocations: stays on the payment. */
  unallocated: string;
}[] = [
  {
    key: 'baosteel-1', customerKey: 'baosteel-precision', receivedInDays: -20, method: 'BANK_TRANSFER', reference: 'CMB20261113-000871',
    payerAccount: '招商银行上海宝山支行 6214 **** 0871', allocations: [{ invoice: 'baosteel-plc-1#1', share: 1 }, { invoice: 'baosteel-plc-1#2', share: 0.4 }], unallocated: '0',
  },
  {
    key: 'lingang-1', customerKey: 'lingang-energy', receivedInDays: -60, method: 'BANK_ACCEPTANCE', reference: '银承 3100 0051 2026 0913',
    payerAccount: '浦发银行临港支行 9801 **** 5531', allocations: [{ invoice: 'lingang-sensors#1', share: 0.7 }], unallocated: '0',
  },
  {
    key: 'yanshan-1', customerKey: 'yanshan-petrochem', receivedInDays: -12, method: 'BANK_TRANSFER', reference: 'ICBC20261121-004412',
    payerAccount: '工商银行北京房山支行 0200 **** 4412', allocations: [{ invoice: 'yanshan-radar-spares#1', share: 0.5 }], unallocated: '20000.00',
  },
  {
    key: 'huaqiang-advance', customerKey: 'huaqiang-smart', receivedInDays: -3, method: 'BANK_TRANSFER', reference: 'SPDB20261130-000219',
    payerAccount: '浦发银行深圳宝安支行 7912 **** 0219', allocations: [], unallocated: '50000.00',
  },
];

/**
 * The distributor's sell-through report for the last 30 days: two sales in 华南 from the batch it received, and one
 * to a customer in 华北 (a channel conflict: SALE_OUTSIDE_REGION).
 */
export const DEMO_SELL_THROUGH = {
  periodStartInDays: -30,
  periodEndInDays: -1,
  lines: [
    { sku: 'SEN-PRX-03', quantity: 180, batchNumber: 'B2026-1102', endCustomerName: '佛山顺德美智家电有限公司 二厂', saleRegionKey: 'south' as const, soldInDays: -9 },
    { sku: 'SEN-PEC-03', quantity: 60, batchNumber: 'B2026-1102', endCustomerName: '中山华艺灯饰有限公司', saleRegionKey: 'south' as const, soldInDays: -7 },
    { sku: 'SEN-PRX-03', quantity: 40, batchNumber: 'B2026-1102', endCustomerName: '天津滨海精密模具厂', saleRegionKey: 'north' as const, soldInDays: -5 },
  ],
};

/** The won deal's contract: from 宝钢精密 PLC 改造's accepted quote, in force and ending within the renewal window. */
export const DEMO_WON_DEAL_CONTRACT = {
  key: 'baosteel-plc',
  opportunityKey: 'baosteel-plc-retrofit',
  byEmail: ZHAO_LEI,
  title: '宝钢精密 冷轧线 PLC 改造合同',
  startInDays: -95,
  endInDays: 60,
  paymentTermsDays: 30,
};
