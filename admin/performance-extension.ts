/**
 * The admin's own GraphQL query beside Keystone's lists: booked-sales achievement by region and month for the
 * dashboard's chart, in one SQL statement over `sales_performance_fact` and `sales_target` (the same definition of
 * what counts as every other figure of the performance loop). Admins only, like everything in the admin.
 */
import { g } from '@keystone-6/core';
import type { KeystoneContext } from '@keystone-6/core/types';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { languageFromHeader, translate, type PlainMessageId } from '../api/i18n';

/** One region's booked sales and target in one month; amounts as decimal text (CNY), exact. */
export interface MonthAchievementRow {
  orgUnitId: string;
  name: string;
  month: string;
  actual: string;
  target: string | null;
  achievementRate: string | null;
}

/**
 * Per region (org units of kind REGION) and month of `year`: the booked sales of everyone whose current unit is in
 * the region's subtree (by `org_unit.path`, as `performance` counts a unit), by the day the order was confirmed, and
 * the region's own monthly target over all product lines and customers (not the sum of its teams'). Every month of
 * every region is a row, with 0 when nothing was booked and a null target when none is set. `$1`: the year.
 */
export const REGION_ACHIEVEMENT_SQL = `
  with region as (
         select id, name, path from org_unit where kind = 'REGION'
       ), month as (
         select m::date as start from generate_series(make_date($1::int, 1, 1), make_date($1::int, 12, 1), interval '1 month') m
       ), actual as (
         select r.id as region_id, date_trunc('month', f.occurred_on)::date as start, sum(f.value) as value
           from region r
           join org_unit ou on starts_with(ou.path, r.path)
           join app_user u on u.unit_id = ou.id
           join sales_performance_fact f on f.user_id = u.id
          where f.metric = 'BOOKED_SALES' and f.occurred_on >= make_date($1::int, 1, 1) and f.occurred_on < make_date($1::int + 1, 1, 1)
          group by 1, 2
       )
  select r.id::text as "orgUnitId", r.name, to_char(m.start, 'YYYY-MM-DD') as month,
         coalesce(a.value, 0)::numeric(16,2)::text as actual, t.value::numeric(16,2)::text as target,
         case when t.value > 0 then round(coalesce(a.value, 0) * 100 / t.value, 2)::text end as "achievementRate"
    from region r
   cross join month m
    left join actual a on a.region_id = r.id and a.start = m.start
    left join sales_target t on t.org_unit_id = r.id and t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.period_start = m.start
                             and t.product_line_id is null and t.customer_tier is null and t.customer_novelty is null
   order by r.name collate "C", r.id, m.start`;

const FORBIDDEN_MESSAGE: PlainMessageId = 'Only administrators may read this.';
const BAD_YEAR_MESSAGE: PlainMessageId = 'must be a year between 2000 and 2100';

const MonthAchievement = g.object<MonthAchievementRow>()({
  name: 'AdminMonthAchievement',
  description: "A region's booked sales in one month against its monthly target.",
  fields: {
    month: g.field({ type: g.nonNull(g.String), description: 'The first day of the month (YYYY-MM-DD).' }),
    actual: g.field({ type: g.nonNull(g.String), description: 'Booked sales (CNY, decimal text) of the region’s people.' }),
    target: g.field({ type: g.String, description: 'The region’s own monthly booked-sales target (all lines, all customers); null when none is set.' }),
    achievementRate: g.field({ type: g.String, description: 'actual ÷ target × 100, two decimals; null without a positive target.' }),
  },
});

const RegionAchievement = g.object<{ orgUnitId: string; name: string; months: MonthAchievementRow[] }>()({
  name: 'AdminRegionAchievement',
  fields: {
    orgUnitId: g.field({ type: g.nonNull(g.ID) }),
    name: g.field({ type: g.nonNull(g.String) }),
    months: g.field({ type: g.nonNull(g.list(g.nonNull(MonthAchievement))) }),
  },
});

/** Groups the statement's rows (ordered by region, then month) into one entry per region. */
function byRegion(rows: MonthAchievementRow[]): { orgUnitId: string; name: string; months: MonthAchievementRow[] }[] {
  const regions = new Map<string, { orgUnitId: string; name: string; months: MonthAchievementRow[] }>();
  for (const row of rows) {
    const region = regions.get(row.orgUnitId) ?? { orgUnitId: row.orgUnitId, name: row.name, months: [] };
    region.months.push(row);
    regions.set(row.orgUnitId, region);
  }
  return [...regions.values()];
}

function languageOf(context: KeystoneContext) {
  return languageFromHeader((context.req as IncomingMessage | undefined)?.headers['accept-language']);
}

/**
 * For `graphql.extendGraphqlSchema`: adds `salesAchievementByRegion(year)`. `mayRead` decides on the session; the
 * admin refuses non-admins at sign-in already, and this refuses any other session (or none) with FORBIDDEN.
 */
export function performanceExtension(mayRead: (args: { session?: unknown }) => boolean): (schema: GraphQLSchema) => GraphQLSchema {
  return g.extend({
    query: {
      salesAchievementByRegion: g.field({
        type: g.list(g.nonNull(RegionAchievement)),
        description: 'Booked-sales achievement of every region per month of the year (admins only).',
        args: { year: g.arg({ type: g.nonNull(g.Int) }) },
        async resolve(_source, { year }, context: KeystoneContext) {
          if (!mayRead({ session: context.session })) {
            throw new GraphQLError(translate(FORBIDDEN_MESSAGE, languageOf(context)), { extensions: { code: 'FORBIDDEN' } });
          }
          if (!Number.isInteger(year) || year < 2000 || year > 2100) {
            throw new GraphQLError(`year: ${translate(BAD_YEAR_MESSAGE, languageOf(context))}`, {
              extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'year', message: translate(BAD_YEAR_MESSAGE, languageOf(context)) }] },
            });
          }
          const rows = (await context.prisma.$queryRawUnsafe(REGION_ACHIEVEMENT_SQL, year)) as MonthAchievementRow[];
          return byRegion(rows);
        },
      }),
    },
  });
}
