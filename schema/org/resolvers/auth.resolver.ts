import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { anyone } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgService } from '../org.service';
import { AuthPayload } from '../org.types';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Sign in with email and password; wrong credentials give UNAUTHENTICATED.' })
  @Allow(anyone)
  async login(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    const result = await new OrgService(ctx).login(email, password);
    ctx.actAs(result.viewer);
    return { accessToken: result.token, tokenType: 'Bearer', expiresAt: result.expiresAt, user: result.user };
  }
}
