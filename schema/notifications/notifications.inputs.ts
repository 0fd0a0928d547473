import { ArrayMaxSize, ArrayMinSize, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { NotificationKind } from './notifications.enums';

@InputType({ description: 'Which notifications of your inbox to list.' })
export class NotificationFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only those not yet read.' })
  @IsOptional()
  unreadOnly?: boolean;

  @Field(() => [NotificationKind], { nullable: true, description: 'Only these kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NotificationKind[];
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => NotificationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: NotificationFilter | null;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { nullable: true, description: 'These notifications of yours (up to 100).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Every notification of yours.' })
  @IsOptional()
  all?: boolean | null;
}

@InputType({ description: 'Your channels for one kind of notification.' })
export class NotificationPreferenceInput {
  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field({ description: 'In the inbox and pushed by `notificationReceived`.' })
  inApp!: boolean;

  @Field({ description: 'E-mailed to your address.' })
  email!: boolean;
}

@ArgsType()
export class SetNotificationPreferencesArgs {
  @Field(() => [NotificationPreferenceInput], { description: 'The kinds to set; the others stay as they are.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  preferences!: NotificationPreferenceInput[];
}

@ArgsType()
export class RunNotificationRulesArgs {
  @Field(() => [NotificationKind], { nullable: true, description: 'Only the rules of these kinds; all when omitted.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NotificationKind[] | null;
}
