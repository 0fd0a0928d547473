import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { User } from '../../org/entities/user.entity';
import { NotificationKind } from '../notifications.enums';

/**
 * A person's channel choice for one kind. Only choices that were set are stored; a missing row means the defaults
 * (inbox on for every kind, e-mail on for EMAILED_BY_DEFAULT), which the rule runner applies in SQL too.
 */
@Entity({ tableName: 'notification_preference' })
@Unique({ name: 'notification_preference_user_kind_unique', properties: ['user', 'kind'] })
export class NotificationPreference {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: false })
  user!: User;

  @Enum({ items: () => NotificationKind, nativeEnumName: 'notification_kind' })
  kind!: NotificationKind;

  @Property({ type: 'boolean' })
  inApp!: boolean;

  @Property({ type: 'boolean' })
  email!: boolean;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
