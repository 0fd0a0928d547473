import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import bcrypt from 'bcryptjs';
import { fromParts } from '../api/auth/api-key-secret';
import { ApiScope } from '../api/auth/api-scopes';
import { Distributor } from '../schema/channels/distributor.entity';
import { ApiKey } from '../schema/org/entities/api-key.entity';
import { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { User } from '../schema/org/entities/user.entity';
import { OrgUnitKind, Role } from '../schema/org/org.enums';
import { DEMO_COMPANY, type DemoPerson } from './demo-company.data';
import { seedDemoCatalog } from './demo-catalog.seeder';
import { demoId } from './demo-ids';

/** Every demo person signs in with this password. */
export const DEMO_PASSWORD = 'demo1234';

/** A fixed salt keeps the seeded rows identical on every run; it is demo data, never a real account. */
const DEMO_PASSWORD_HASH = bcrypt.hashSync(DEMO_PASSWORD, '$2b$10$SalesGraphDemoSeedSalt');

/** The integration user's demo key, printed at start so integrators can try the API at once. */
export const DEMO_API_KEY = fromParts('demoerp001', 'DemoIntegrationKeyLocalUseOnly-0000000001');

/** What the demo key may read: the directory and the sales data, as README's INTEGRATION rows show (not the catalogue). */
export const DEMO_API_KEY_SCOPES: readonly ApiScope[] = [ApiScope.READ_ORG, ApiScope.READ_SALES];

/**
 * The demo company (DESIGN.md §3): 华东/华南/华北 with their teams, a VP, directors, managers, 30 reps, staff roles,
 * one distributor with a partner user and one integration user with an API key; and its master data (catalogue,
 * price lists, approval limits, commission plan). Deterministic: same ids and
 * rows on every run.
 */
export class DemoCompanySeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    await em.transactional(async (tx) => seedDemoCompany(tx));
  }
}

function createUnit(em: EntityManager, key: string, name: string, englishName: string, kind: OrgUnitKind, parent: OrgUnit | null): OrgUnit {
  const id = demoId(`unit:${key}`);
  return em.create(OrgUnit, {
    id,
    name,
    englishName,
    kind,
    parent,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent === null ? 0 : parent.depth + 1,
  });
}

function createPerson(
  em: EntityManager,
  person: DemoPerson,
  role: Role,
  unit: OrgUnit | null,
  manager: User | null,
  extra: Partial<Pick<User, 'distributor' | 'passwordHash'>> = {},
): User {
  return em.create(User, {
    id: demoId(`user:${person.email}`),
    name: person.name,
    englishName: person.nameEn,
    email: person.email.toLowerCase(),
    phone: person.phone,
    hireDate: person.hireDate,
    role,
    unit,
    manager,
    passwordHash: DEMO_PASSWORD_HASH,
    ...extra,
  });
}

async function seedDemoCompany(em: EntityManager): Promise<void> {
  const company = DEMO_COMPANY;
  const root = createUnit(em, 'company', company.name, company.nameEn, OrgUnitKind.COMPANY, null);
  const vp = createPerson(em, company.vp, Role.SALES_VP, root, null);
  root.head = vp;
  createPerson(em, company.admin, Role.ADMIN, root, null);
  createPerson(em, company.keyAccountManager, Role.KEY_ACCOUNT_MANAGER, root, vp);
  createPerson(em, company.customerService, Role.CUSTOMER_SERVICE, root, vp);
  createPerson(em, company.techSupport, Role.TECH_SUPPORT, root, vp);
  createPerson(em, company.finance, Role.FINANCE, root, vp);

  const regions = new Map<string, OrgUnit>();
  for (const region of company.regions) {
    const regionUnit = createUnit(em, region.key, region.name, region.nameEn, OrgUnitKind.REGION, root);
    regions.set(region.key, regionUnit);
    const director = createPerson(em, region.director, Role.REGIONAL_DIRECTOR, regionUnit, vp);
    regionUnit.head = director;
    for (const team of region.teams) {
      const teamUnit = createUnit(em, team.key, team.name, team.nameEn, OrgUnitKind.TEAM, regionUnit);
      const manager = createPerson(em, team.manager, Role.TEAM_MANAGER, teamUnit, director);
      teamUnit.head = manager;
      for (const rep of team.reps) createPerson(em, rep, Role.SALES_REP, teamUnit, manager);
    }
  }

  const distributorRegion = regions.get(company.distributor.regionKey);
  if (distributorRegion === undefined) throw new Error(`Unknown distributor region ${company.distributor.regionKey}`);
  const distributor = em.create(Distributor, {
    id: demoId(`distributor:${company.distributor.code}`),
    code: company.distributor.code,
    name: company.distributor.name,
    englishName: company.distributor.nameEn,
    contractStart: '2025-01-01',
    contractEnd: '2027-12-31',
    creditLimit: '3000000.00',
  });
  distributor.regions.add(distributorRegion);
  createPerson(em, company.distributor.partner, Role.PARTNER, null, null, { distributor });

  const integrationUser = createPerson(em, company.integration.user, Role.INTEGRATION, null, null, { passwordHash: null });
  em.create(ApiKey, {
    id: demoId('api-key:erp'),
    name: company.integration.apiKeyName,
    prefix: DEMO_API_KEY.prefix,
    secretHash: DEMO_API_KEY.secretHash,
    scopes: [...DEMO_API_KEY_SCOPES],
    user: integrationUser,
    createdBy: null,
  });
  seedDemoCatalog(em, regions);
  await em.flush();
}

/** Seeds the demo company into an empty database; a database with users in it is left alone. */
export async function seedDemoCompanyIfEmpty(orm: MikroORM): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(User)) > 0) return false;
  await orm.getSeeder().seed(DemoCompanySeeder);
  return true;
}
