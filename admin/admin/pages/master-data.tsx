import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo';
import { PageContainer } from '@keystone-6/core/admin-ui/components';
import { useState } from 'react';
import { TARGET_METRIC_DEFINITIONS, type TargetMetricName } from '../../../schema/targets/metric-definitions';
import { METRIC_DEFINITIONS_ZH_CN, METRIC_NAMES_ZH_CN } from '../i18n';
import { useLanguage } from '../use-language';

/** Days ahead within which an active price list counts as "about to expire". */
const EXPIRY_WINDOW_DAYS = 30;

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const MASTER_DATA_SUMMARY = gql`
  query MasterDataSummary($today: CalendarDay!, $horizon: CalendarDay!) {
    activeProducts: productsCount(where: { status: { equals: ACTIVE } })
    allProducts: productsCount
    activePriceLists: priceListsCount(where: { active: { equals: true } })
    expiring: priceLists(
      where: { active: { equals: true }, validTo: { gte: $today, lte: $horizon } }
      orderBy: [{ validTo: asc }]
    ) {
      id
      name
      channel
      validTo
    }
    productLines(orderBy: [{ code: asc }]) {
      id
      code
      name
      productsCount
    }
  }
`;

interface Summary {
  activeProducts: number;
  allProducts: number;
  activePriceLists: number;
  expiring: { id: string; name: string; channel: string; validTo: string }[];
  productLines: { id: string; code: string; name: string; productsCount: number }[];
}

function Tile({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div style={{ border: '1px solid #d4d4d8', borderRadius: 8, padding: '16px 20px', minWidth: 180 }}>
      <div style={{ fontSize: 13, color: '#52525b' }}>{label}</div>
      <div data-testid={testId} style={{ fontSize: 32, fontWeight: 600 }}>
        {value}
      </div>
    </div>
  );
}

/** Products per product line as horizontal bars: plain SVG, no chart library to load. */
function ProductsPerLine({ lines, label }: { lines: Summary['productLines']; label: string }) {
  const max = Math.max(1, ...lines.map((line) => line.productsCount));
  const rowHeight = 28;
  return (
    <svg role="img" aria-label={label} width="640" height={lines.length * rowHeight + 8}>
      {lines.map((line, index) => {
        const width = Math.round((line.productsCount / max) * 380);
        const y = index * rowHeight + 4;
        return (
          <g key={line.id} data-testid={`bar-${line.code}`}>
            <text x="0" y={y + 16} fontSize="13">
              {line.name}
            </text>
            <rect x="200" y={y} width={width} height="20" rx="3" fill="#2563eb" />
            <text x={208 + width} y={y + 15} fontSize="13">
              {line.productsCount}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

const ACHIEVEMENT_BY_REGION = gql`
  query AchievementByRegion($year: Int!) {
    salesAchievementByRegion(year: $year) {
      orgUnitId
      name
      months {
        month
        actual
        target
        achievementRate
      }
    }
  }
`;

interface RegionAchievement {
  orgUnitId: string;
  name: string;
  months: { month: string; actual: string; target: string | null; achievementRate: string | null }[];
}

const CHART_HEIGHT = 160;
const BAR_WIDTH = 28;
const BAR_GAP = 12;

/**
 * One region's twelve months as vertical bars (booked sales) with a tick for each month's target: plain SVG like
 * the products chart. `max` is shared by all regions, so their bars compare.
 */
function RegionMonths({ region, max, format }: { region: RegionAchievement; max: number; format: (value: number) => string }) {
  const { t } = useLanguage();
  const scale = (value: number) => Math.round((value / max) * CHART_HEIGHT);
  const width = region.months.length * (BAR_WIDTH + BAR_GAP) + 8;
  return (
    <figure style={{ margin: 0 }} data-testid={`achievement-region-${region.name}`}>
      <figcaption style={{ fontWeight: 600, marginBottom: 4 }}>{region.name}</figcaption>
      <svg role="img" aria-label={region.name} width={width} height={CHART_HEIGHT + 40}>
        {region.months.map((month, index) => {
          const actual = Number(month.actual);
          const target = month.target === null ? null : Number(month.target);
          const x = index * (BAR_WIDTH + BAR_GAP) + 4;
          const height = scale(actual);
          const reached = target !== null && actual >= target;
          const label = month.month.slice(0, 7);
          return (
            <g
              key={month.month}
              data-testid={`achievement-${region.name}-${label}`}
              data-actual={month.actual}
              data-target={month.target ?? ''}
              data-rate={month.achievementRate ?? ''}
            >
              <title>
                {target === null
                  ? t('{{month}}: {{actual}}, no target', { month: label, actual: format(actual) })
                  : t('{{month}}: {{actual}} of {{target}} ({{rate}} %)', { month: label, actual: format(actual), target: format(target), rate: month.achievementRate ?? '–' })}
              </title>
              <rect data-part="actual" x={x} y={CHART_HEIGHT - height + 4} width={BAR_WIDTH} height={height} rx="2" fill={reached ? '#16a34a' : '#2563eb'} />
              {target !== null && (
                <line data-part="target" x1={x - 3} x2={x + BAR_WIDTH + 3} y1={CHART_HEIGHT - scale(target) + 4} y2={CHART_HEIGHT - scale(target) + 4} stroke="#dc2626" strokeWidth="2" />
              )}
              <text x={x + BAR_WIDTH / 2} y={CHART_HEIGHT + 20} fontSize="11" textAnchor="middle">
                {Number(label.slice(5))}
              </text>
              <text data-part="rate" x={x + BAR_WIDTH / 2} y={CHART_HEIGHT + 34} fontSize="10" textAnchor="middle" fill="#52525b">
                {month.achievementRate === null ? '–' : `${Math.round(Number(month.achievementRate))}%`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Booked-sales achievement of every region per month of a chosen year, from the admin's own GraphQL query. */
function AchievementByRegion() {
  const { t, language } = useLanguage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, loading, error } = useQuery<{ salesAchievementByRegion: RegionAchievement[] | null }>(ACHIEVEMENT_BY_REGION, {
    variables: { year },
    fetchPolicy: 'network-only',
  });
  const regions = data?.salesAchievementByRegion ?? [];
  const max = Math.max(1, ...regions.flatMap((region) => region.months.flatMap((month) => [Number(month.actual), Number(month.target ?? 0)])));
  const numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  return (
    <section data-testid="achievement-by-region">
      <h2 style={{ fontSize: 16 }}>{t('Booked-sales achievement by region and month')}</h2>
      <label>
        {t('Year')}{' '}
        <select data-testid="achievement-year" value={year} onChange={(event) => setYear(Number(event.target.value))}>
          {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <p style={{ fontSize: 13, color: '#52525b' }}>{t('Bars: booked sales of the region’s people in the month; line: the region’s monthly target (all product lines). In CNY.')}</p>
      {loading && <p>{t('Loading…')}</p>}
      {error && <p role="alert">{t('Could not load the achievement: {{error}}', { error: error.message })}</p>}
      {data && regions.length === 0 && <p>{t('No regions.')}</p>}
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        {regions.map((region) => (
          <RegionMonths key={region.orgUnitId} region={region} max={max} format={(value) => numbers.format(value)} />
        ))}
      </div>
    </section>
  );
}

/** The target metrics and what counts toward each: code (the view sales_performance_fact), shown read-only. */
function MetricDefinitions() {
  const { t, language } = useLanguage();
  const metrics = Object.keys(TARGET_METRIC_DEFINITIONS) as TargetMetricName[];
  return (
    <section data-testid="metric-definitions">
      <h2 style={{ fontSize: 16 }}>{t('Metric definitions')}</h2>
      <p style={{ fontSize: 13, color: '#52525b' }}>
        {t('What counts toward each target metric. These are defined in code (the view sales_performance_fact), not master data: they cannot be edited here.')}
      </p>
      <table style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left', paddingRight: 16 }}>{t('Metric')}</th>
            <th style={{ textAlign: 'left' }}>{t('What counts')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((metric) => (
            <tr key={metric} data-testid={`metric-definition-${metric}`}>
              <td style={{ paddingRight: 16, verticalAlign: 'top' }}>
                {language === 'zh-CN' ? `${METRIC_NAMES_ZH_CN[metric]}（${metric}）` : metric}
              </td>
              <td>{language === 'zh-CN' ? METRIC_DEFINITIONS_ZH_CN[metric] : TARGET_METRIC_DEFINITIONS[metric]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function MasterDataDashboard() {
  const { t } = useLanguage();
  const { data, loading, error } = useQuery<Summary>(MASTER_DATA_SUMMARY, {
    variables: { today: day(0), horizon: day(EXPIRY_WINDOW_DAYS) },
    fetchPolicy: 'network-only',
  });
  return (
    <PageContainer header={<h1 style={{ fontSize: 20, margin: 0 }}>{t('Master data dashboard')}</h1>} title={t('Master data dashboard')}>
      {loading && <p>{t('Loading…')}</p>}
      {error && <p role="alert">{t('Could not load the summary: {{error}}', { error: error.message })}</p>}
      {data && (
        <div style={{ display: 'grid', gap: 24, paddingBlock: 24 }}>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <Tile label={t('Active products')} value={data.activeProducts} testId="active-products" />
            <Tile label={t('All products')} value={data.allProducts} testId="all-products" />
            <Tile label={t('Active price lists')} value={data.activePriceLists} testId="active-price-lists" />
            <Tile label={t('Price lists expiring within {{days}} days', { days: EXPIRY_WINDOW_DAYS })} value={data.expiring.length} testId="expiring-price-lists" />
          </div>
          <section>
            <h2 style={{ fontSize: 16 }}>{t('Price lists about to expire')}</h2>
            {data.expiring.length === 0 ? (
              <p>{t('None in the next {{days}} days.', { days: EXPIRY_WINDOW_DAYS })}</p>
            ) : (
              <ul>
                {data.expiring.map((list) => (
                  <li key={list.id}>
                    <a href={`/price-lists/${list.id}`}>{t('{{name}} ({{channel}}) ends {{day}}', { name: list.name, channel: list.channel, day: list.validTo })}</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2 style={{ fontSize: 16 }}>{t('Products per product line')}</h2>
            <ProductsPerLine lines={data.productLines} label={t('Products per product line')} />
          </section>
        </div>
      )}
      <div style={{ display: 'grid', gap: 24, paddingBottom: 24 }}>
        <AchievementByRegion />
        <MetricDefinitions />
      </div>
    </PageContainer>
  );
}
