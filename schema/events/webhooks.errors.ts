import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a webhook operation failed; sent as `extensions.reason`. */
export enum WebhookErrorCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  /** The endpoint's owner was deactivated: nothing can be sent to it. */
  WEBHOOK_OWNER_INACTIVE = 'WEBHOOK_OWNER_INACTIVE',
  /** The URL points where webhooks are never sent (README "Webhook URLs"); `detail` says why. */
  WEBHOOK_URL_NOT_ALLOWED = 'WEBHOOK_URL_NOT_ALLOWED',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: WebhookErrorCode): DescribedError {
  switch (code) {
    case WebhookErrorCode.WEBHOOK_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such webhook, or it is not yours.' };
    case WebhookErrorCode.WEBHOOK_OWNER_INACTIVE:
      return { code: ErrorCode.CONFLICT, message: 'The webhook’s owner is no longer active: nothing can be sent to it.' };
    case WebhookErrorCode.WEBHOOK_URL_NOT_ALLOWED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'This URL cannot receive webhooks:' };
    case WebhookErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The webhook was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** Every error the webhook operations raise on purpose. */
export class WebhookError extends ModuleInputError {
  constructor(reason: WebhookErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}
