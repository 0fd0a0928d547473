import { Distributor } from './channels/distributor.entity';
import { ApiKey } from './org/entities/api-key.entity';
import { OrgUnit } from './org/entities/org-unit.entity';
import { User } from './org/entities/user.entity';

/** Every MikroORM entity, listed explicitly so discovery needs no file globbing (same in dist/ and under jest). */
export const ENTITIES = [OrgUnit, User, ApiKey, Distributor];
