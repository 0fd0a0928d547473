import { AppError, assertUnreachable, ErrorCode } from '../../api/errors';

/** Why an org operation failed; sent as `extensions.reason` beside the generic `extensions.code`. */
export enum OrgErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  ORG_UNIT_NOT_FOUND = 'ORG_UNIT_NOT_FOUND',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  API_KEY_FOR_OTHER_USER = 'API_KEY_FOR_OTHER_USER',
  API_KEY_USER_INACTIVE = 'API_KEY_USER_INACTIVE',
}

function describe(code: OrgErrorCode): { code: ErrorCode; message: string } {
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
