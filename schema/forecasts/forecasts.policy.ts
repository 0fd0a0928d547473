import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rowReaders, signedInPersonWithRole, type AccessRule } from '../../api/permissions/access-rule';
import { reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import { mayReadPersonPerformance, mayReadUnitPerformance, performanceReaders, seesAllPerformance } from '../targets/kpis.policy';
import type { ForecastAdjustment } from './entities/forecast-adjustment.entity';
import type { ForecastSubmission } from './entities/forecast-submission.entity';

/** Forecast records: whoever the row scope lets see them (applied in SQL by every query). */
export const forecastReadersOfRow = rowReaders;

/**
 * Who may ask for forecasts at all: as for performance — internal users (their own, and the people and units they
 * manage; finance, the VP, admins and integrations with READ_PERFORMANCE everyone’s); never partners.
 */
export const forecastReaders: AccessRule = {
  ...performanceReaders,
  name: 'forecast-readers',
  description: `as performance: ${performanceReaders.description}`,
};

/** The sales line that sells against targets and forecasts its own business. */
export const FORECASTER_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/** Who submits a forecast: signed-in sales people, for themselves only. */
export const forecastSubmitters = signedInPersonWithRole(
  'forecast-submitters',
  'signed-in reps, key account managers, team managers and regional directors (their own forecast); not API keys',
  FORECASTER_ROLES,
);

/** Who adjusts a unit's roll-up: signed-in heads of units (for the units they head and below), the VP and admins. */
export const forecastAdjusters = signedInPersonWithRole(
  'forecast-adjusters',
  'signed-in team managers and regional directors (the units they head and those below), the VP and admins; not API keys',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN],
);

/**
 * Row scope of submissions: a person's forecast is read like their performance — the person, their management
 * chain, finance, the VP, admins and integrations. Partners, customer service and technical support see none.
 */
export function forecastSubmissionRowScope(viewer: Viewer): FilterQuery<ForecastSubmission> {
  if (seesAllPerformance(viewer)) return {};
  if (!FORECASTER_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
  return { user: { $in: reachableOwnerIds(viewer) } };
}

/**
 * Row scope of adjustments: a unit's adjustment reveals its roll-up, so only those who may read the unit's figures
 * (its heads and those above, finance, the VP, admins, integrations) see it — not the unit's own members.
 */
export function forecastAdjustmentRowScope(viewer: Viewer): FilterQuery<ForecastAdjustment> {
  if (seesAllPerformance(viewer)) return {};
  if (viewer.managedUnitIds.size === 0) return MATCHES_NOTHING;
  return { orgUnit: { $in: [...viewer.managedUnitIds] } };
}

/** Whose forecast roll-up a viewer reads: as performance (see kpis.policy.ts). */
export { mayReadPersonPerformance as mayReadPersonForecast, mayReadUnitPerformance as mayReadUnitForecast };

/** Whether the viewer may adjust the unit's roll-up: its heads and those above; the VP and admins any unit. */
export function mayAdjustUnit(viewer: Viewer, orgUnitId: string): boolean {
  return seesWholeCompany(viewer) || (viewer.apiKeyId === null && viewer.managedUnitIds.has(orgUnitId));
}
