import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { Role } from '../../org/org.enums';
import { ApprovalStepStatus } from '../orders.enums';
import { ordersReaders } from '../orders.policy';
import { Contract } from './contract.entity';

/**
 * One approver in a contract's approval chain (合同评审): the heads up the owner's chain, nearest first, up to the
 * first whose contract limit covers the amount. They decide in turn; each decision is kept with who, when and why.
 */
@ObjectType({ description: 'A step of a contract’s approval chain: who had to decide, what they decided, when and why.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'contract_approval_step' })
@Unique({ name: 'contract_approval_step_round_position_unique', properties: ['contract', 'round', 'position'] })
@Index({ name: 'contract_approval_step_approver_status_idx', properties: ['approver', 'status'] })
export class ContractApprovalStep extends VersionedRecord<'status' | 'decidedAt' | 'comment'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Contract, deleteRule: 'cascade' })
  contract!: Contract;

  @Field(() => Int, { description: 'The submission this step belongs to (1 for the first).' })
  @Property({ type: 'smallint' })
  round!: number;

  @Field(() => Int, { description: 'Order within the round, from 1 (the nearest manager).' })
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  approver!: User;

  @Field(() => Role, { description: 'The approver’s role when the step was made.' })
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  approverRole!: Role;

  @Field(() => DecimalScalar, { description: 'The approver’s contract limit when the step was made.' })
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  approverLimit!: string;

  @Field(() => ApprovalStepStatus)
  @Enum({ items: () => ApprovalStepStatus, nativeEnumName: 'approval_step_status', default: ApprovalStepStatus.WAITING })
  status: ApprovalStepStatus = ApprovalStepStatus.WAITING;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The approver’s comment; required when rejecting.' })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
