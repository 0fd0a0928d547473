import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../../api/context';
import { currentRequestScope } from '../../../api/http/request-id';
import { notificationBusOf, type NotificationQueue } from '../../../api/notifications/notification-bus';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { Notification } from '../entities/notification.entity';
import { renderNotification } from '../notification-texts';
import { NotificationLanguage } from '../notifications.enums';
import { MarkNotificationsReadArgs, NotificationsArgs, RunNotificationRulesArgs, SetNotificationPreferencesArgs } from '../notifications.inputs';
import { inboxOwners, notificationRowScope, notificationRuleRunners } from '../notifications.policy';
import { NotificationService } from '../notifications.service';
import { MarkNotificationsReadPayload, NotificationConnection, NotificationPreferenceView, NotificationRuleRun } from '../notifications.types';

/** The language asked for, else the request's (`Accept-Language`; over WebSocket English unless asked). */
function languageOf(asked: NotificationLanguage | undefined): NotificationLanguage {
  return asked ?? (currentRequestScope()?.language as NotificationLanguage | undefined) ?? NotificationLanguage.EN;
}

/** A subscriber's new notifications: the ids its queue gets, read again through the viewer's scope, oldest first. */
async function* deliver(queue: NotificationQueue, ctx: RequestContext): AsyncGenerator<Notification> {
  try {
    for await (const ids of queue) {
      const fresh = ctx.fresh();
      const rows = await fresh.em.find(Notification, { ...notificationRowScope(fresh.signedInViewer), id: { $in: ids } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      for (const row of rows) yield row;
    }
  } finally {
    await queue.return();
  }
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first. Only yours: an inbox is personal, for admins too.' })
  @Allow(inboxOwners)
  notifications(@Args() args: NotificationsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<NotificationConnection> {
    return new NotificationService(ctx).notifications(args, { includeCount: selectsTotalCount(info) }) as Promise<NotificationConnection>;
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  @Allow(inboxOwners)
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return new NotificationService(ctx).unreadCount();
  }

  @Mutation(() => MarkNotificationsReadPayload, {
    description: 'Marks notifications of yours read: the given ids, or all. An id that is not yours fails the call with NOT_FOUND and nothing is marked.',
  })
  @Allow(inboxOwners)
  markNotificationsRead(@Args() args: MarkNotificationsReadArgs, @Ctx() ctx: RequestContext): Promise<MarkNotificationsReadPayload> {
    return new NotificationService(ctx).markRead(args);
  }

  @Query(() => [NotificationPreferenceView], { description: 'Your channels per kind of notification.' })
  @Allow(inboxOwners)
  notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreferenceView[]> {
    return new NotificationService(ctx).preferences();
  }

  @Mutation(() => [NotificationPreferenceView], { description: 'Sets your channels for the given kinds; they apply to notifications made from now on. Returns every kind.' })
  @Allow(inboxOwners)
  setNotificationPreferences(@Args() args: SetNotificationPreferencesArgs, @Ctx() ctx: RequestContext): Promise<NotificationPreferenceView[]> {
    return new NotificationService(ctx).setPreferences(args.preferences);
  }

  @Mutation(() => NotificationRuleRun, { description: 'Runs the notification rules now, as the hourly job does (admins).' })
  @Allow(notificationRuleRunners)
  runNotificationRules(@Args() args: RunNotificationRulesArgs, @Ctx() ctx: RequestContext): Promise<NotificationRuleRun> {
    return new NotificationService(ctx).runRules(args.kinds ?? undefined);
  }

  @Subscription(() => Notification, {
    subscribe: ({ context, info }: SubscribeResolverData<unknown, object, RequestContext>) =>
      deliver(notificationBusOf(info.schema).subscribe(context.signedInViewer.userId), context),
    description:
      'Your new notifications as they are made, by the hourly rules or at once from approvals and other events. After a reconnect, read `notifications` for what came meanwhile.',
  })
  @Allow(inboxOwners)
  notificationReceived(@Root() notification: Notification): Notification {
    return notification;
  }

  @FieldResolver(() => String, { description: 'The title in `language`, else the request’s (Accept-Language; over WebSocket English unless asked).' })
  title(@Root() notification: Notification, @Arg('language', () => NotificationLanguage, { nullable: true }) language?: NotificationLanguage): string {
    return renderNotification(notification.kind, notification.params, languageOf(language)).title;
  }

  @FieldResolver(() => String, { description: 'The text in `language`, else the request’s.' })
  body(@Root() notification: Notification, @Arg('language', () => NotificationLanguage, { nullable: true }) language?: NotificationLanguage): string {
    return renderNotification(notification.kind, notification.params, languageOf(language)).body;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you marked it read.' })
  read(@Root() notification: Notification): boolean {
    return notification.readAt !== null;
  }
}
