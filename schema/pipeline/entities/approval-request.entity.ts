import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { ApprovalStatus, ApprovalSubject } from '../pipeline.enums';
import { approvalAmountReaders, pipelineReaders } from '../pipeline.policy';
import { Quote } from './quote.entity';

/**
 * A request for a decision beyond the requester's authority, addressed to the first manager up their chain whose
 * approval limit covers it. Decided once: the version column makes a second, concurrent decision fail.
 */
@ObjectType({ description: 'A request for approval, addressed to a manager up the requester’s chain.' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'approval_request' })
@Index({ name: 'approval_request_approver_status_idx', properties: ['approver', 'status', 'createdAt'] })
@Index({ name: 'approval_request_requested_by_idx', properties: ['requestedBy', 'createdAt'] })
@Index({ name: 'approval_request_created_at_id_idx', properties: ['createdAt', 'id'] })
export class ApprovalRequest extends VersionedRecord<'status' | 'comment' | 'decidedAt' | 'decidedBy' | 'quote' | 'requestNote'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ApprovalSubject)
  @Enum({ items: () => ApprovalSubject, nativeEnumName: 'approval_subject' })
  subject!: ApprovalSubject;

  @ManyToOne({ entity: () => Quote, nullable: true, deleteRule: 'cascade', index: true })
  quote: Quote | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  requestedBy!: User;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  approver!: User;

  @Field(() => DecimalScalar, { nullable: true, description: 'The discount asked for, in percent.' })
  @ReadableBy(approvalAmountReaders)
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  discountPercent!: string;

  @Field(() => String, { nullable: true, description: 'Why the requester asks for it.' })
  @Property({ type: 'text', nullable: true })
  requestNote: string | null = null;

  @Field(() => ApprovalStatus)
  @Enum({ items: () => ApprovalStatus, nativeEnumName: 'approval_status', default: ApprovalStatus.PENDING })
  status: ApprovalStatus = ApprovalStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'The approver’s comment; required when rejecting.' })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  decidedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;
}
