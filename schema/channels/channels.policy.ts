import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rolesRule, rowReaders, signedInPersonWithRole } from '../../api/permissions/access-rule';
import { isPartner, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role, SALES_LINE_ROLES } from '../org/org.enums';
import type { Distributor } from './distributor.entity';
import type { ChannelConflict } from './entities/channel-conflict.entity';
import type { SellThroughReport } from './entities/sell-through-report.entity';

export const distributorReaders = rowReaders;

/** Sell-through reports and their lines: whoever the row scope lets see them. */
export const channelReaders = rowReaders;

/** Channel conflicts: whoever the row scope lets see them (directors of the regions involved, the VP, admins). */
export const channelConflictReaders = rowReaders;

/** A distributor's credit: regional directors, the VP, finance and admins. */
export const distributorCreditReaders = rolesRule('distributor-credit-readers', 'regional directors, the VP, finance and admins', [
  Role.REGIONAL_DIRECTOR,
  Role.SALES_VP,
  Role.FINANCE,
  Role.ADMIN,
]);

/** Internal users see every distributor; a partner user only its own. */
export function distributorRowScope(viewer: Viewer): FilterQuery<Distributor> {
  if (isPartner(viewer)) return { id: viewer.distributorId };
  return {};
}

/** Sell-through: a partner its own distributor's reports; the sales line, finance, admins and integrations all. */
export function sellThroughRowScope(viewer: Viewer): FilterQuery<SellThroughReport> {
  if (isPartner(viewer)) return viewer.distributorId === null ? MATCHES_NOTHING : { distributor: viewer.distributorId };
  if ([...SALES_LINE_ROLES, Role.ADMIN, Role.FINANCE, Role.INTEGRATION].includes(viewer.role)) return {};
  return MATCHES_NOTHING;
}

/**
 * Channel conflicts: the regional directors of the region the goods belonged to and of the region they turned up
 * in, the VP and admins. Never partners: the evidence names other distributors' regions and customers.
 */
export function channelConflictRowScope(viewer: Viewer): FilterQuery<ChannelConflict> {
  if (seesWholeCompany(viewer)) return {};
  if (viewer.role !== Role.REGIONAL_DIRECTOR) return MATCHES_NOTHING;
  const regions = [...viewer.managedUnitIds];
  return { $or: [{ homeRegion: { $in: regions } }, { foundRegion: { $in: regions } }] };
}

/** Sell-through reports are submitted by partner users through the portal, for their own distributor. */
export const sellThroughReporters = signedInPersonWithRole('sell-through-reporters', 'signed-in partner users (their own distributor)', [Role.PARTNER]);

/** Conflicts are confirmed or dismissed by the directors who see them, the VP and admins. */
export const conflictResolvers = signedInPersonWithRole(
  'conflict-resolvers',
  'signed-in regional directors (conflicts touching their region), the VP and admins',
  [Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN],
);
