import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Contract } from './contract.entity';

/**
 * That a contract's renewal alert went out for one window and end date: the unique key makes `contract.renewalDue`
 * once per contract and window, whichever process finds it first; a new end date (an extension) alerts again.
 */
@Entity({ tableName: 'contract_renewal_alert' })
@Unique({ name: 'contract_renewal_alert_unique', properties: ['contract', 'windowDays', 'endDate'] })
export class ContractRenewalAlert {
  [OptionalProps]?: 'alertedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne({ entity: () => Contract, deleteRule: 'cascade' })
  contract!: Contract;

  @Property({ type: 'smallint' })
  windowDays!: number;

  @Property({ type: 'date' })
  endDate!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  alertedAt: Date = new Date();
}
