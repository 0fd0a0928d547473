/**
 * The demo company's 2026: a year of orders, payments, visits and surveys for every seller, and the 2026 targets
 * derived from them (seeds/demo-performance.seeder.ts). Everything here is a fixed calendar date in 2026 (a few
 * orders in late 2025 make "existing" customers), drawn from one seeded pseudo-random generator, so the demo year is
 * the same on every machine and every day; nothing is dated on or after DEMO_PERFORMANCE_CUTOFF.
 */
import { DEMO_COMPANY, type DemoPerson } from './demo-company.data';

/** The year the demo targets are for. */
export const DEMO_PERFORMANCE_YEAR = 2026;

/**
 * The demo year's "today": nothing is dated on or after it (nor after the real today), so the demo year holds the same
 * rows whenever it is seeded: January to November and the first days of December.
 */
export const DEMO_PERFORMANCE_CUTOFF = '2026-12-05';

/** The pseudo-random seed of the demo year. */
export const DEMO_PERFORMANCE_SEED = 20260101;

/** A person who sells: the unit their personal targets belong to, and how their year goes. */
export interface DemoSeller {
  email: string;
  /** The org unit key of their targets' parent (their team; the company for the key account manager). */
  unitKey: string;
  /** Who accompanies their visits (协访): heads of units above them, the nearest first. */
  companionEmails: string[];
  /** Booked sales per month, in CNY, before seasonality and chance. */
  monthlyVolume: number;
  /** Booked sales ÷ target over the year: above 1 beats the target, below 1 misses it. */
  achievement: number;
  /** Collections ÷ collections target. */
  collectionAchievement: number;
  /** Product lines this seller mostly sells, first the strongest. */
  lines: string[];
  /** Customers they already had before 2026, and customers they win in 2026. */
  existingCustomers: number;
  newCustomers: number;
  /** Visits per month they log (about a fifth of the months one more). */
  visitsPerMonth: number;
  /** From this month (1–12) on, their orders shrink to a third: the rep who misses target months in a row. */
  slumpFromMonth?: number;
}

/** The rep whose September, October and November miss target: the improvement-plan (改进计划) case. */
export const DEMO_SLUMPING_REP = 'haoran.zhou@huaxin.demo';

/** Team managers who also own accounts of their own. */
export const DEMO_SELLING_MANAGERS = ['wei.huang@huaxin.demo', 'jianjun.ye@huaxin.demo'];

/** The region whose director keeps back part of the booked-sales target, unallocated to the teams (预留). */
export const DEMO_UNALLOCATED_REGION = 'north';
/** The share of that region's booked-sales target kept back: its teams add up to the rest. */
export const DEMO_UNALLOCATED_SHARE = 0.03;

const LINE_MIXES: string[][] = [
  ['SENSOR', 'PLC', 'HMI'],
  ['DRIVE', 'MOTOR', 'SENSOR'],
  ['PLC', 'HMI', 'DRIVE'],
  ['PNEU', 'SENSOR', 'MOTOR'],
  ['MOTOR', 'DRIVE', 'PNEU'],
  ['SENSOR', 'PNEU', 'PLC'],
];

/** Booked sales ÷ target per seller, in the order of the sellers below: some above, some below, none the same. */
const ACHIEVEMENTS = [1.12, 0.86, 0.94, 1.04, 1.21, 0.79, 0.97, 1.08, 0.91, 1.15, 1.01, 0.83, 1.06, 0.95, 1.18, 0.88];

/**
 * Every seller of the demo company: all reps, the key account manager and two team managers, with their volume,
 * achievement and product mix spread deterministically over them.
 */
export function demoSellers(): DemoSeller[] {
  const sellers: DemoSeller[] = [];
  const add = (person: DemoPerson, unitKey: string, companionEmails: string[], volume: number, extra: Partial<DemoSeller> = {}) => {
    const index = sellers.length;
    const achievement = ACHIEVEMENTS[index % ACHIEVEMENTS.length];
    sellers.push({
      email: person.email,
      unitKey,
      companionEmails,
      monthlyVolume: volume,
      achievement,
      collectionAchievement: Math.round((achievement * (0.9 + ((index * 7) % 5) * 0.05)) * 100) / 100,
      lines: LINE_MIXES[index % LINE_MIXES.length],
      existingCustomers: 1 + (index % 2),
      newCustomers: 1 + (index % 3),
      visitsPerMonth: 1,
      ...extra,
    });
  };
  for (const region of DEMO_COMPANY.regions) {
    for (const team of region.teams) {
      team.reps.forEach((rep, index) => {
        const volume = 60000 + ((index * 37 + team.key.length * 11) % 7) * 14000;
        add(rep, team.key, [team.manager.email, region.director.email], volume, rep.email === DEMO_SLUMPING_REP ? { achievement: 1.02, slumpFromMonth: 9 } : {});
      });
      if (DEMO_SELLING_MANAGERS.includes(team.manager.email)) {
        add(team.manager, team.key, [region.director.email, DEMO_COMPANY.vp.email], 150000, { existingCustomers: 2, newCustomers: 1 });
      }
    }
  }
  add(DEMO_COMPANY.keyAccountManager, 'company', [DEMO_COMPANY.vp.email], 300000, {
    achievement: 1.09, lines: ['PLC', 'DRIVE', 'SENSOR', 'HMI'], existingCustomers: 2, newCustomers: 1, visitsPerMonth: 2,
  });
  return sellers;
}

/** Monthly weights of the year (Q1 slow around the Spring Festival, Q4 strong): they average 1. */
export const SEASON = [0.8, 0.7, 1.0, 1.0, 1.05, 1.05, 0.95, 0.9, 1.05, 1.1, 1.15, 1.25];

/** Parts of fictional company names for the customers the sellers win or already had. */
export const CUSTOMER_NAME_PARTS = {
  places: {
    east: ['上海', '苏州', '杭州', '宁波', '无锡', '常州', '嘉兴', '南通', '绍兴', '昆山'],
    south: ['广州', '深圳', '佛山', '东莞', '中山', '珠海', '惠州', '江门', '汕头', '肇庆'],
    north: ['北京', '天津', '廊坊', '保定', '唐山', '沧州', '石家庄', '秦皇岛', '承德', '张家口'],
  } as Record<'east' | 'south' | 'north', string[]>,
  marks: ['恒达', '瑞丰', '永泰', '华盛', '金桥', '宏远', '鼎新', '联创', '中科', '德力', '新锐', '安捷', '博远', '卓越', '天成', '信和'],
  trades: [
    ['精密机械', '机械制造'], ['自动化设备', '自动化集成'], ['电子科技', '电子制造'], ['包装机械', '包装机械'], ['化工设备', '化工'],
    ['新材料', '新材料'], ['食品机械', '食品饮料'], ['环保科技', '环保'], ['汽车零部件', '汽车零部件'], ['水务设备', '水务'],
  ],
};

/** What visits are about (走访目的) and how they went. */
export const VISIT_TOPICS: { purpose: string; outcome: string; nextStep: string }[] = [
  { purpose: '季度回访，了解设备运行情况', outcome: '客户对交付和质量满意', nextStep: '下季度再访' },
  { purpose: '新产线需求沟通', outcome: '客户提供了技术规格书', nextStep: '两周内提交选型方案' },
  { purpose: '对账与回款沟通', outcome: '财务确认下月初安排付款', nextStep: '跟进付款进度' },
  { purpose: '新品推介与样品演示', outcome: '客户对样品反馈良好', nextStep: '安排小批量试用' },
  { purpose: '年度框架价格谈判', outcome: '初步达成价格意向', nextStep: '报价提交审批' },
  { purpose: '售后问题现场处理', outcome: '问题已现场解决', nextStep: '一周后电话回访' },
];

export const SURVEY_COMMENTS: Record<number, string> = {
  5: '交付及时，服务专业',
  4: '整体满意，希望缩短交期',
  3: '产品可以，响应速度一般',
  2: '交期多次延误，需要改进',
};
