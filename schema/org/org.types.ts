import { Field, ObjectType } from 'type-graphql';
import { anyone, rowReaders } from '../../api/permissions/access-rule';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}

@ObjectType({ description: 'The result of a successful login or token refresh.' })
@ReadableBy(anyone)
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`, or as `authorization` in WebSocket connectionParams.' })
  accessToken!: string;

  @Field()
  tokenType!: string;

  @Field(() => Date, { description: 'When the access token expires; get a new one with refreshToken before then.' })
  expiresAt!: Date;

  @Field({
    description:
      'Good for one refreshToken call, which returns its successor; keep it secret (it is stored only hashed). Using one ' +
      'a second time ends the whole session, as a stolen copy would.',
  })
  refreshToken!: string;

  @Field(() => Date)
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@ObjectType({ description: 'A new API key. `key` is shown this once and can never be read again.' })
@ReadableBy(rowReaders)
export class CreateApiKeyPayload {
  @Field({ description: 'Send as the `x-api-key` header.' })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
