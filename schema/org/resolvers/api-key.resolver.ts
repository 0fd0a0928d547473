import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { signedInPerson } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { ApiKey } from '../entities/api-key.entity';
import { User } from '../entities/user.entity';
import { CreateApiKeyInput } from '../org.inputs';
import { OrgService } from '../org.service';
import { CreateApiKeyPayload } from '../org.types';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Your API keys; admins see everyone’s. Newest first.' })
  @Allow(signedInPerson)
  apiKeys(@Arg('userId', () => ID, { nullable: true }) userId: string | undefined, @Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return new OrgService(ctx).apiKeys(userId === undefined || userId === null ? undefined : assertId(userId, 'userId'));
  }

  @Mutation(() => CreateApiKeyPayload)
  @Allow(signedInPerson)
  createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreateApiKeyPayload> {
    return new OrgService(ctx).createApiKey(input);
  }

  @Mutation(() => ApiKey, { description: 'Stops the key from working at once.' })
  @Allow(signedInPerson)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return new OrgService(ctx).revokeApiKey(assertId(id, 'id'));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user the key acts as.' })
  user(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(apiKey.user.id);
  }
}
