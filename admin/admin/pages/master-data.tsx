import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo';
import { PageContainer } from '@keystone-6/core/admin-ui/components';
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
    </PageContainer>
  );
}
