import { Check, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Role } from '../org.enums';
import { internalReaders } from '../org.policy';

/**
 * What a role may decide on its own (分层管理办法): the largest discount it may grant, the largest contract it may
 * sign or approve, the largest expense it may approve. Beyond these, a request goes up the chain.
 */
@ObjectType({ description: 'The authority of a role: what it may grant, sign and approve without going up the chain.' })
@ReadableBy(internalReaders)
@Entity({ tableName: 'approval_limit' })
@Check({
  name: 'approval_limit_values_check',
  expression: 'max_discount_percent >= 0 and max_discount_percent <= 100 and max_contract_amount >= 0 and max_expense_amount >= 0',
})
export class ApprovalLimit extends VersionedRecord<'currency'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Role)
  @Enum({ items: () => Role, unique: true })
  role!: Role;

  @Field(() => DecimalScalar, { description: 'Largest discount off list price, in percent (0–100).' })
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  maxDiscountPercent!: string;

  @Field(() => DecimalScalar, { description: 'Largest contract amount this role may sign or approve.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  maxContractAmount!: string;

  @Field(() => DecimalScalar, { description: 'Largest expense this role may approve.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  maxExpenseAmount!: string;

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';
}
