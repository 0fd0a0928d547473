import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a notification operation failed; sent as `extensions.reason`. */
export enum NotificationErrorCode {
  /** No such notification in the viewer's inbox: someone else's reads exactly like one that does not exist. */
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  /** `markNotificationsRead` needs either ids or `all: true`, not both, not neither. */
  MARK_READ_TARGET = 'MARK_READ_TARGET',
}

function describe(code: NotificationErrorCode): DescribedError {
  switch (code) {
    case NotificationErrorCode.NOTIFICATION_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such notification, or it is not yours.' };
    case NotificationErrorCode.MARK_READ_TARGET:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Give either ids or all: true.' };
    default:
      return assertUnreachable(code);
  }
}

/** Every error the notification operations raise on purpose. */
export class NotificationError extends ModuleInputError {
  constructor(reason: NotificationErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}
