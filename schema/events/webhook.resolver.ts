import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope, scopeName } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { assertId } from '../../api/ids';
import { lacksScope, viewerRule } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { hasScope, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entities';
import {
  CreatedWebhook,
  CreateWebhookInput,
  ReplayArgs,
  RotatedWebhookSecret,
  RotateWebhookSecretArgs,
  UpdateWebhookInput,
  WebhookDeliveriesArgs,
  WebhookReplay,
} from './webhooks.inputs';
import { WebhookService } from './webhooks.service';

const managesWebhooks = (role: Role): boolean => role === Role.INTEGRATION || role === Role.ADMIN;

/** Integration users (through keys with MANAGE_WEBHOOKS) and admins manage webhooks. */
export const webhookManagers = {
  ...viewerRule(
    'webhook-managers',
    `integration users and admins; API keys with scope ${scopeName(ApiScope.MANAGE_WEBHOOKS)}`,
    (viewer) => managesWebhooks(viewer.role) && (viewer.apiKeyId === null || hasScope(viewer, ApiScope.MANAGE_WEBHOOKS)),
  ),
  missingScope: (viewer: Viewer) => (managesWebhooks(viewer.role) ? lacksScope(viewer, ApiScope.MANAGE_WEBHOOKS) : undefined),
};

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Mutation(() => CreatedWebhook, { description: 'Registers an endpoint for the deal events you may see; returns its secret once.' })
  @Allow(webhookManagers)
  createWebhook(@Arg('input') input: CreateWebhookInput, @Ctx() ctx: RequestContext): Promise<CreatedWebhook> {
    return new WebhookService(ctx).create(input);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Changes an endpoint’s URL (checked as at creation) or event types.' })
  @Allow(webhookManagers)
  updateWebhook(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateWebhookInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookEndpoint> {
    return new WebhookService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => WebhookEndpoint, {
    description:
      'Pauses an endpoint: events that occur while it is paused are skipped, not queued (replay them from a cursor if needed); deliveries queued before wait for resumeWebhook.',
  })
  @Allow(webhookManagers)
  pauseWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpoint> {
    return new WebhookService(ctx).pause(assertId(id, 'id'));
  }

  @Mutation(() => WebhookEndpoint, { description: 'Resumes a paused endpoint: events from now on are queued again, and deliveries that waited go out.' })
  @Allow(webhookManagers)
  resumeWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookEndpoint> {
    return new WebhookService(ctx).resume(assertId(id, 'id'));
  }

  @Mutation(() => ID, { description: 'Deletes an endpoint with its deliveries and their log; returns its id.' })
  @Allow(webhookManagers)
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    return new WebhookService(ctx).delete(assertId(id, 'id'));
  }

  @Mutation(() => RotatedWebhookSecret, {
    description:
      'Replaces the signing secret and returns the new one once; the old one keeps signing beside it (a second v1 in X-SalesGraph-Signature) for graceSeconds.',
  })
  @Allow(webhookManagers)
  rotateWebhookSecret(@Args() args: RotateWebhookSecretArgs, @Ctx() ctx: RequestContext): Promise<RotatedWebhookSecret> {
    return new WebhookService(ctx).rotateSecret(args.id, args.graceSeconds);
  }

  @Query(() => [WebhookEndpoint], { description: 'Your webhook endpoints (admins: all).' })
  @Allow(webhookManagers)
  webhooks(@Ctx() ctx: RequestContext): Promise<WebhookEndpoint[]> {
    return new WebhookService(ctx).webhooks();
  }

  @Query(() => [WebhookDelivery], { description: 'The delivery log of an endpoint, newest first, with every attempt.' })
  @Allow(webhookManagers)
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() ctx: RequestContext): Promise<WebhookDelivery[]> {
    return new WebhookService(ctx).deliveries(args);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends one event to the endpoint again (same event id).' })
  @Allow(webhookManagers)
  redeliver(@Arg('webhookId', () => ID) webhookId: string, @Arg('eventId', () => ID) eventId: string, @Ctx() ctx: RequestContext): Promise<WebhookDelivery> {
    return new WebhookService(ctx).redeliver(assertId(webhookId, 'webhookId'), assertId(eventId, 'eventId'));
  }

  @Mutation(() => WebhookReplay, {
    description:
      'Queues again the events after `from` (an events cursor) that the endpoint takes and its owner may see, reading at most `first` events per call; call again with `endCursor` while `hasMore`.',
  })
  @Allow(webhookManagers)
  replay(@Args() args: ReplayArgs, @Ctx() ctx: RequestContext): Promise<WebhookReplay> {
    return new WebhookService(ctx).replay(args.webhookId, args.from, args.first);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'The delivery log: every attempt, oldest first, with status code, error and latency.' })
  log(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext): Promise<WebhookAttempt[]> {
    return ctx.loaders.events.attemptsByDeliveryId.load(delivery.id);
  }
}
