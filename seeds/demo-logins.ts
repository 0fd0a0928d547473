import { DEMO_COMPANY } from './demo-company.data';
import { scopeName } from '../api/auth/api-scopes';
import { DEMO_API_KEY, DEMO_API_KEY_SCOPES, DEMO_PASSWORD } from './demo-company.seeder';

export interface DemoLogin {
  role: string;
  name: string;
  email: string;
}

/** One login per demo role, as printed at start and listed in the README. */
export function demoLogins(): DemoLogin[] {
  const c = DEMO_COMPANY;
  const [east, south] = c.regions;
  const login = (role: string, person: { name: string; nameEn: string; email: string }) => ({
    role,
    name: `${person.name} (${person.nameEn})`,
    email: person.email,
  });
  return [
    login('ADMIN', c.admin),
    login('SALES_VP', c.vp),
    login(`REGIONAL_DIRECTOR ${east.name}`, east.director),
    login(`TEAM_MANAGER ${east.teams[0].name}`, east.teams[0].manager),
    login(`SALES_REP ${east.teams[0].name}`, east.teams[0].reps[0]),
    login(`SALES_REP ${south.teams[0].name}`, south.teams[0].reps[0]),
    login('KEY_ACCOUNT_MANAGER', c.keyAccountManager),
    login('CUSTOMER_SERVICE', c.customerService),
    login('TECH_SUPPORT', c.techSupport),
    login('FINANCE', c.finance),
    login(`PARTNER ${c.distributor.name}`, c.distributor.partner),
  ];
}

export function demoLoginBanner(url: string): string {
  // Email first: it is ASCII, so the columns line up even though roles and names contain Chinese.
  const rows = demoLogins().map((l) => `  ${l.email.padEnd(32)} ${l.role}, ${l.name}`);
  return [
    `SalesGraph API: ${url}`,
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...rows,
    `Demo API key (integration user, scopes ${DEMO_API_KEY_SCOPES.map(scopeName).join(', ')}), header x-api-key: ${DEMO_API_KEY.key}`,
  ].join('\n');
}
