import { Check, Entity, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { customerReaders } from '../customers.policy';
import { checkInCoordinateReaders } from '../follow-up.policy';
import { Visit } from './visit.entity';

/**
 * A visit's check-in from a mobile client (签到, S2): when and where the visitor was, how accurate the position was,
 * and its distance to the customer's location, judged against the threshold in force at check-in.
 */
@ObjectType({ description: 'A visit’s check-in (签到) from a mobile client.' })
@ReadableBy(customerReaders)
@Entity({ tableName: 'visit_check_in' })
@Check({ name: 'visit_check_in_coordinates_check', expression: 'latitude::numeric >= -90 and latitude::numeric <= 90 and longitude::numeric >= -180 and longitude::numeric <= 180' })
@Check({ name: 'visit_check_in_accuracy_check', expression: 'accuracy_metres::numeric >= 0 and accuracy_metres::numeric <= 100000 and far_threshold_metres >= 0' })
@Check({ name: 'visit_check_in_far_check', expression: '(distance_metres is null) = (far is null)' })
export class VisitCheckIn {
  [OptionalProps]?: 'createdAt' | 'distanceMetres' | 'far';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @OneToOne({ entity: () => Visit, owner: true, unique: 'visit_check_in_visit_unique', updateRule: 'cascade', deleteRule: 'cascade' })
  visit!: Visit;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  checkedInBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  checkedInAt!: Date;

  @Field(() => Float, { nullable: true, description: 'WGS-84 latitude where the person checked in.' })
  @ReadableBy(checkInCoordinateReaders)
  @Property({ type: 'double' })
  latitude!: number;

  @Field(() => Float, { nullable: true, description: 'WGS-84 longitude where the person checked in.' })
  @ReadableBy(checkInCoordinateReaders)
  @Property({ type: 'double' })
  longitude!: number;

  @Field(() => Float, { description: 'The position’s accuracy as the device reported it, in metres.' })
  @Property({ type: 'double' })
  accuracyMetres!: number;

  @Field(() => Float, { nullable: true, description: 'Great-circle (haversine) distance to the customer’s location in metres; null when the customer has none.' })
  @Property({ type: 'double', nullable: true })
  distanceMetres: number | null = null;

  @Field(() => Int, { description: 'The far threshold in force at check-in (CHECK_IN_FAR_METRES), in metres.' })
  @Property({ type: 'integer' })
  farThresholdMetres!: number;

  @Field(() => Boolean, { nullable: true, description: 'Farther from the customer than the threshold plus the accuracy; null without a distance.' })
  @Property({ type: 'boolean', nullable: true })
  far: boolean | null = null;
}
