import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { anyone } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { AuthPayload } from '../org.types';
import { SignInService, type SignedIn } from '../sign-in.service';

function payload(ctx: RequestContext, result: SignedIn): AuthPayload {
  // The rest of the request acts as the signed-in user, so `login { user { … } }` resolves.
  ctx.actAs(result.viewer);
  return {
    accessToken: result.accessToken,
    tokenType: 'Bearer',
    expiresAt: result.expiresAt,
    refreshToken: result.refreshToken,
    refreshTokenExpiresAt: result.refreshTokenExpiresAt,
    user: result.user,
  };
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description:
      'Sign in with email and password. Any failure is UNAUTHENTICATED "Wrong email or password."; repeated wrong ' +
      'passwords lock the account for a while (README: sign-in throttling), with the same answer.',
  })
  @Allow(anyone)
  async login(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return payload(ctx, await new SignInService(ctx).login(email, password));
  }

  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for a new access token and a new refresh token (rotation). A refresh token works once: ' +
      'using it again revokes its whole session. Invalid, expired or revoked tokens give UNAUTHENTICATED.',
  })
  @Allow(anyone)
  async refreshToken(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: RequestContext): Promise<AuthPayload> {
    return payload(ctx, await new SignInService(ctx).refresh(refreshToken));
  }

  @Mutation(() => Boolean, {
    description:
      'Ends a sign-in session: the one of `refreshToken` if given, else the one of the access token sent; with ' +
      '`everywhere: true`, every session of the signed-in user. Its access and refresh tokens stop working at once.',
  })
  @Allow(anyone)
  async logout(
    @Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | undefined,
    @Arg('everywhere', () => Boolean, { defaultValue: false }) everywhere: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await new SignInService(ctx).logout(refreshToken ?? undefined, everywhere);
    return true;
  }
}
