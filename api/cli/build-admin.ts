import { buildAdminIfStale } from '../admin-ui';
import { createLogger } from '../logger';

/**
 * `npm run admin:build` (and the first step of `npm test`): builds the admin UI unless it is up to date.
 * With --frozen, stale admin/schema.prisma or admin/schema.graphql fail the build instead of being rewritten.
 */
buildAdminIfStale(createLogger('info'), { frozen: process.argv.includes('--frozen') })
  .then((built) => console.log(built ? 'admin UI built' : 'admin UI up to date'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
