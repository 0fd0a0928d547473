import { assertUnreachable, ErrorCode, ModuleInputError, type ModuleErrorExtensions, type DescribedError } from '../../api/errors';

/** Why a sell-through or channel-conflict operation failed; sent as `extensions.reason`. */
export enum ChannelErrorCode {
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  CONFLICT_NOT_FOUND = 'CONFLICT_NOT_FOUND',
  NOT_A_DISTRIBUTOR_USER = 'NOT_A_DISTRIBUTOR_USER',
  REPORT_PERIOD_TAKEN = 'REPORT_PERIOD_TAKEN',
  CONFLICT_ALREADY_RESOLVED = 'CONFLICT_ALREADY_RESOLVED',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: ChannelErrorCode): DescribedError {
  switch (code) {
    case ChannelErrorCode.REPORT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such sell-through report, or it is not visible to you.' };
    case ChannelErrorCode.CONFLICT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such channel conflict, or it is not visible to you.' };
    case ChannelErrorCode.NOT_A_DISTRIBUTOR_USER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only a partner user bound to a distributor reports its sell-through.' };
    case ChannelErrorCode.REPORT_PERIOD_TAKEN:
      return { code: ErrorCode.CONFLICT, message: 'Your distributor already reported a period overlapping this one.' };
    case ChannelErrorCode.CONFLICT_ALREADY_RESOLVED:
      return { code: ErrorCode.CONFLICT, message: 'The channel conflict was already confirmed or dismissed.' };
    case ChannelErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** A channels error; with `field`, it names the input path. */
export class ChannelError extends ModuleInputError {
  constructor(reason: ChannelErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

/** The channels module's answer to a stale version (see api/database/optimistic-lock.ts). */
export const staleVersion = (): ChannelError => new ChannelError(ChannelErrorCode.STALE_VERSION, { field: 'version' });
