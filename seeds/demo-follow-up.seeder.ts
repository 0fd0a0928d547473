import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { Customer } from '../schema/customers/entities/customer.entity';
import { VisitPlan } from '../schema/customers/entities/visit-plan.entity';
import { DEMO_COMPANY } from './demo-company.data';
import { demoId } from './demo-ids';
import { DEMO_CUSTOMERS, DEMO_OPPORTUNITIES, DEMO_VISITS } from './demo-sales.data';

/** City centres (WGS-84) the demo customers' sites are spread around, matched on their addresses. */
export const DEMO_CITIES: [keyword: string, latitude: number, longitude: number][] = [
  ['上海', 31.2304, 121.4737],
  ['苏州', 31.2989, 120.5853],
  ['杭州', 30.2741, 120.1551],
  ['宁波', 29.8683, 121.544],
  ['广州', 23.1291, 113.2644],
  ['佛山', 23.0215, 113.1214],
  ['东莞', 23.0205, 113.7518],
  ['深圳', 22.5431, 114.0579],
  ['北京', 39.9042, 116.4074],
  ['天津', 39.3434, 117.3616],
];

/** Where a demo customer without a known city in its address sits: its region's main city. */
const REGION_CITIES: Record<string, [number, number]> = { east: [31.2304, 121.4737], south: [23.1291, 113.2644], north: [39.9042, 116.4074] };

const FOLLOW_UP_TEXTS: [kind: string, summary: string, nextStep: string][] = [
  ['CALL', '电话沟通项目进度，客户确认预算已批', '发送技术方案'],
  ['EMAIL', '邮件发送技术方案与报价单', '电话确认方案反馈'],
  ['VISIT', '现场拜访，与设备部讨论改造范围', '安排技术交流会'],
  ['MEETING', '技术交流会，客户提出三项澄清问题', '书面回复澄清问题'],
  ['MESSAGE', '微信确认下周会面时间', '准备拜访资料'],
];

/** Next-step dates of the demo deals' latest follow-ups, in days from the seeding day: some past, one today, most ahead. */
const NEXT_STEP_DAYS = [-3, 0, 2, 5, 7, 10, -1, 14, 3, 6, 21, 4, 1, 9];

/**
 * Key customers whose deals get no follow-up log, so the demo shows them past their tier's norm: 华强智能 (B, last
 * visited 40 days ago) and 白云电器 (A, 8 days ago).
 */
export const DEMO_UNFOLLOWED_CUSTOMERS = ['huaqiang-smart', 'baiyun-electric'];

/** Demo visits checked in about 5 km from the customer's site: flagged far. */
export const FAR_VISITS = ['baiyun-electric', 'huaqiang-smart'];

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * The demo follow-up data (B4, C3, F4, S2), set-based in one transaction (well under a second): the tiers' follow-up
 * norms (A dedicated team every 7 days, B regular every 14), coordinates for every customer (around its city),
 * follow-up logs on the open demo deals with their next steps, visit plans of the demo customers in every status
 * (upcoming, regular, missed, cancelled, and done: the recent demo visits), and check-ins on those visits, two far.
 * Needs the demo sales data; false when it is missing or the plans are there already.
 */
export async function seedDemoFollowUpIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const salesPresent = (await em.count(Customer, { id: demoId(`customer:${DEMO_CUSTOMERS[0].key}`) })) > 0;
  if (!salesPresent || (await em.count(VisitPlan)) > 0) return false;
  await em.transactional((tx) => seedDemoFollowUp(tx, config));
  return true;
}

async function seedDemoFollowUp(em: EntityManager, config: AppConfig): Promise<void> {
  const tz = config.companyTimeZone;
  await em.execute(`update visit_norm set service_mode = 'DEDICATED_TEAM', max_days_between_contacts = 7 where tier = 'A'`);
  await em.execute(`update visit_norm set service_mode = 'REGULAR', max_days_between_contacts = 14 where tier = 'B'`);

  // Sites within about ±3 km of their city's centre, the same on every machine (hashed from the id).
  const regionCases = DEMO_COMPANY.regions.map((region) => `when '${demoId(`unit:${region.key}`)}' then ${REGION_CITIES[region.key][0]}`).join(' ');
  const regionLonCases = DEMO_COMPANY.regions.map((region) => `when '${demoId(`unit:${region.key}`)}' then ${REGION_CITIES[region.key][1]}`).join(' ');
  await em.execute(
    `update customer c set latitude = round((coalesce(city.lat, case c.region_id::text ${regionCases} end) + (abs(hashtext(c.id::text)) % 600 - 300) / 10000.0)::numeric, 6),
                           longitude = round((coalesce(city.lon, case c.region_id::text ${regionLonCases} end) + (abs(hashtext(c.id::text || 'lon')) % 600 - 300) / 10000.0)::numeric, 6)
       from customer c2
       left join lateral (select lat, lon from (values ${DEMO_CITIES.map(([k, lat, lon]) => `('${k}', ${lat}, ${lon})`).join(', ')}) v(keyword, lat, lon)
                           where c2.address like '%' || v.keyword || '%' limit 1) city on true
      where c2.id = c.id and c.region_id::text in (${DEMO_COMPANY.regions.map((region) => `'${demoId(`unit:${region.key}`)}'`).join(', ')})`,
  );

  // Follow-up logs: two or three entries per open demo deal, by its owner, a few days apart; the latest carries the next step.
  const deals = DEMO_OPPORTUNITIES.filter((deal) => deal.stage !== 'WON' && deal.stage !== 'LOST' && !DEMO_UNFOLLOWED_CUSTOMERS.includes(deal.customerKey));
  const entries = deals.flatMap((deal, dealIndex) => {
    const count = 2 + (dealIndex % 2);
    return Array.from({ length: count }, (_, entry) => {
      const [kind, summary, nextStep] = FOLLOW_UP_TEXTS[(dealIndex + entry) % FOLLOW_UP_TEXTS.length];
      const latest = entry === count - 1;
      const daysAgo = (count - 1 - entry) * 6 + 1;
      const nextDays = NEXT_STEP_DAYS[dealIndex % NEXT_STEP_DAYS.length];
      return `('${demoId(`follow-up:${deal.key}:${entry}`)}'::uuid, '${demoId(`opportunity:${deal.key}`)}'::uuid, ${daysAgo}, ${10 + entry}, '${kind}', '${summary}', ${latest ? `'${nextStep}'` : 'null'}, ${latest ? nextDays : 'null'}::int)`;
    });
  });
  await em.execute(
    `insert into opportunity_follow_up (id, opportunity_id, author_id, occurred_at, kind, summary, next_step, next_step_date)
     select e.id, o.id, o.owner_id, ((today.d - e.days_ago) + make_time(e.hour, 0, 0)) at time zone ?::text, e.kind::follow_up_kind, e.summary, e.next_step,
            case when e.next_days is null then null else today.d + e.next_days end
       from (values ${entries.join(', ')}) e(id, opportunity_id, days_ago, hour, kind, summary, next_step, next_days)
       join opportunity o on o.id = e.opportunity_id
       cross join (select (now() at time zone ?::text)::date as d) today`,
    [tz, tz],
  );
  await em.execute(
    `update opportunity o set next_step = f.next_step, next_step_date = f.next_step_date
       from (select distinct on (opportunity_id) opportunity_id, next_step, next_step_date from opportunity_follow_up
              where next_step is not null order by opportunity_id, occurred_at desc, id desc) f
      where f.opportunity_id = o.id`,
  );

  // Visit plans of the demo customers' owners: upcoming (A customers every 2 weeks), missed and cancelled ones.
  const plans: string[] = [];
  const checkIns: string[] = [];
  DEMO_CUSTOMERS.forEach((customer, index) => {
    const customerId = demoId(`customer:${customer.key}`);
    const owner = demoId(`user:${customer.ownerEmail}`);
    const contact = demoId(`contact:${customer.key}:0`);
    const regular = customer.tier === 'A';
    const plan = (suffix: string, days: number, at: number, status: string, extra: { visit?: string; reason?: string; regular?: boolean } = {}) =>
      plans.push(
        `('${demoId(`visit-plan:${customer.key}:${suffix}`)}'::uuid, '${customerId}'::uuid, '${contact}'::uuid, '${owner}'::uuid, ${days}, '${hour(at)}', ` +
          `'${status}', ${extra.visit ? `'${extra.visit}'::uuid` : 'null::uuid'}, ${extra.reason ? `'${extra.reason}'` : 'null'}, ${extra.regular ? 2 : 'null::int'}, ${extra.regular ? `'WEEK'` : 'null'})`,
      );
    plan('upcoming', 1 + (index % 4), 9 + (index % 6), 'PLANNED', { regular });
    if (index % 3 === 0) plan('missed', -3, 15, 'PLANNED');
    if (index % 3 === 1) plan('cancelled', 2 + (index % 3), 14, 'CANCELLED', { reason: '客户临时出差，改期再约' });
  });
  // Each recent demo visit was planned: a DONE plan of its visitor on its day, and a check-in; two of them far off.
  DEMO_VISITS.forEach((visit, index) => {
    if (visit.daysAgo > 60) return;
    const visitId = demoId(`visit:${index}`);
    const by = demoId(`user:${visit.byEmail}`);
    plans.push(
      `('${demoId(`visit-plan:visit:${index}`)}'::uuid, '${demoId(`customer:${visit.customerKey}`)}'::uuid, '${demoId(`contact:${visit.customerKey}:0`)}'::uuid, '${by}'::uuid, ` +
        `${-visit.daysAgo}, '09:30', 'DONE', '${visitId}'::uuid, null, null::int, null)`,
    );
    const far = FAR_VISITS.includes(visit.customerKey);
    checkIns.push(`('${demoId(`check-in:${index}`)}'::uuid, '${visitId}'::uuid, '${by}'::uuid, ${-visit.daysAgo}, ${far ? 0.045 : 0.0006 * (1 + (index % 3))}, ${20 + index * 5})`);
  });

  await em.execute(
    `insert into visit_plan (id, customer_id, contact_id, planned_by_id, planned_at, purpose, status, visit_id, cancel_reason, closed_at, recurrence_every, recurrence_unit)
     select p.id, p.customer_id, p.contact_id, p.planned_by_id, ((today.d + p.days) + p.at::time) at time zone ?::text,
            case p.status when 'PLANNED' then '定期回访：了解设备运行与备件需求' else '技术交流与需求确认' end,
            p.status::visit_plan_status, p.visit_id, p.reason,
            case when p.status = 'PLANNED' then null else now() end, p.every, p.unit::recurrence_unit
       from (values ${plans.join(', ')}) p(id, customer_id, contact_id, planned_by_id, days, at, status, visit_id, reason, every, unit)
       cross join (select (now() at time zone ?::text)::date as d) today`,
    [tz, tz],
  );
  // Check-ins: at 10:05 company time on the visit's day, offset north of the customer's site; distance by PostgreSQL.
  await em.execute(
    `insert into visit_check_in (id, visit_id, checked_in_by_id, checked_in_at, latitude, longitude, accuracy_metres, distance_metres, far_threshold_metres, far)
     select k.id, k.visit_id, k.by_id, ((today.d + k.days) + time '10:05') at time zone ?::text, round((c.latitude + k.offset_degrees)::numeric, 6)::double precision, c.longitude, k.accuracy,
            d.metres, ?, d.metres > ? + k.accuracy
       from (values ${checkIns.join(', ')}) k(id, visit_id, by_id, days, offset_degrees, accuracy)
       join visit v on v.id = k.visit_id
       join customer c on c.id = v.customer_id
       cross join lateral (select round(haversine_metres(c.latitude, c.longitude, c.latitude + k.offset_degrees, c.longitude)::numeric, 1)::double precision as metres) d
       cross join (select (now() at time zone ?::text)::date as d) today`,
    [tz, config.checkInFarMetres, config.checkInFarMetres, tz],
  );
}
