import { Field, ObjectType } from 'type-graphql';
import { anyone, rowReaders } from '../../api/permissions/access-rule';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}

@ObjectType({ description: 'The result of a successful login.' })
@ReadableBy(anyone)
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`, or as `authorization` in WebSocket connectionParams.' })
  accessToken!: string;

  @Field()
  tokenType!: string;

  @Field(() => Date)
  expiresAt!: Date;

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
