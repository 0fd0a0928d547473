import { registerEnumType } from 'type-graphql';

/** The roles of the sales organisation (DESIGN.md §3). One per user. */
export enum Role {
  ADMIN = 'ADMIN',
  SALES_VP = 'SALES_VP',
  REGIONAL_DIRECTOR = 'REGIONAL_DIRECTOR',
  TEAM_MANAGER = 'TEAM_MANAGER',
  SALES_REP = 'SALES_REP',
  KEY_ACCOUNT_MANAGER = 'KEY_ACCOUNT_MANAGER',
  CUSTOMER_SERVICE = 'CUSTOMER_SERVICE',
  TECH_SUPPORT = 'TECH_SUPPORT',
  FINANCE = 'FINANCE',
  PARTNER = 'PARTNER',
  INTEGRATION = 'INTEGRATION',
}

/** The sales line from rep to VP: the roles that own customers and deals and make visits. */
export const SALES_LINE_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP];

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}

export enum OrgUnitKind {
  COMPANY = 'COMPANY',
  REGION = 'REGION',
  TEAM = 'TEAM',
}

registerEnumType(Role, {
  name: 'Role',
  valuesConfig: {
    ADMIN: { description: 'System administrator; maintains master data and users.' },
    SALES_VP: { description: 'Head of sales (销售经理); sees the whole company.' },
    REGIONAL_DIRECTOR: { description: 'Regional sales director (销售总监), head of a region (大区).' },
    TEAM_MANAGER: { description: 'Team leader (组长), head of a sales team (销售小组).' },
    SALES_REP: { description: 'Sales representative (销售代表).' },
    KEY_ACCOUNT_MANAGER: { description: 'Key account manager (大客户经理).' },
    CUSTOMER_SERVICE: { description: 'Customer service specialist (客户服务专员).' },
    TECH_SUPPORT: { description: 'Technical support engineer (技术支持工程师).' },
    FINANCE: { description: 'Finance staff.' },
    PARTNER: { description: "A distributor's user; sees only its distributor's records in its regions." },
    INTEGRATION: { description: 'A system account used through API keys.' },
  },
});
registerEnumType(UserStatus, { name: 'UserStatus' });
registerEnumType(OrgUnitKind, {
  name: 'OrgUnitKind',
  description: 'Level in the org tree: company → region (大区) → team (销售小组).',
});
