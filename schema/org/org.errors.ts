import { AppError, assertUnreachable, ErrorCode, type DescribedError } from '../../api/errors';

/** Why an org operation failed; sent as `extensions.reason` beside the generic `extensions.code`. */
export enum OrgErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  ORG_UNIT_NOT_FOUND = 'ORG_UNIT_NOT_FOUND',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  API_KEY_FOR_OTHER_USER = 'API_KEY_FOR_OTHER_USER',
  API_KEY_USER_INACTIVE = 'API_KEY_USER_INACTIVE',
  /** Any failed password sign-in, throttled ones included: one message, so nothing is given away. */
  WRONG_CREDENTIALS = 'WRONG_CREDENTIALS',
  /** Unknown, expired, revoked or already used (which revokes its session). */
  REFRESH_TOKEN_INVALID = 'REFRESH_TOKEN_INVALID',
  /** A partner user whose distributor is suspended or terminated: refused at sign-in and on every request. */
  DISTRIBUTOR_SUSPENDED = 'DISTRIBUTOR_SUSPENDED',
  DISTRIBUTOR_TERMINATED = 'DISTRIBUTOR_TERMINATED',
  /** `logout` without a refresh token from a request that has no session (an API key). */
  NO_SESSION_TO_END = 'NO_SESSION_TO_END',
}

function describe(code: OrgErrorCode): DescribedError {
  switch (code) {
    case OrgErrorCode.USER_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such user, or it is not visible to you.' };
    case OrgErrorCode.ORG_UNIT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such org unit, or it is not visible to you.' };
    case OrgErrorCode.API_KEY_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such API key, or it is not yours.' };
    case OrgErrorCode.API_KEY_FOR_OTHER_USER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only admins may create API keys for another user.' };
    case OrgErrorCode.API_KEY_USER_INACTIVE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'API keys can only be bound to an active user.' };
    case OrgErrorCode.WRONG_CREDENTIALS:
      return { code: ErrorCode.UNAUTHENTICATED, message: 'Wrong email or password.' };
    case OrgErrorCode.REFRESH_TOKEN_INVALID:
      return { code: ErrorCode.UNAUTHENTICATED, message: 'The refresh token is invalid, expired or revoked: sign in again.' };
    case OrgErrorCode.DISTRIBUTOR_SUSPENDED:
      return { code: ErrorCode.FORBIDDEN, message: 'Your distributor is suspended: its users cannot sign in or use the API until it is reinstated.' };
    case OrgErrorCode.DISTRIBUTOR_TERMINATED:
      return { code: ErrorCode.FORBIDDEN, message: 'Your distributor’s contract is terminated: its users can no longer sign in or use the API.' };
    case OrgErrorCode.NO_SESSION_TO_END:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'This request has no sign-in session to end: send the refresh token, or revoke an API key with revokeApiKey.' };
    default:
      return assertUnreachable(code);
  }
}

/** Every error the org module raises on purpose. */
export class OrgError extends AppError {
  constructor(reason: OrgErrorCode, extensions: Record<string, unknown> = {}) {
    const { code, message } = describe(reason);
    super(code, message, { ...extensions, reason });
  }
}
