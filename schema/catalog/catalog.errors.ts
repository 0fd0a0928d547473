import { AppError, assertUnreachable, ErrorCode, type DescribedError } from '../../api/errors';

/** Why a catalogue operation failed; sent as `extensions.reason`. */
export enum CatalogErrorCode {
  PRODUCT_NOT_FOUND = 'PRODUCT_NOT_FOUND',
  PRODUCT_LINE_NOT_FOUND = 'PRODUCT_LINE_NOT_FOUND',
  PRICE_LIST_NOT_FOUND = 'PRICE_LIST_NOT_FOUND',
  SKU_TAKEN = 'SKU_TAKEN',
  PRICE_LIST_OVERLAP = 'PRICE_LIST_OVERLAP',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: CatalogErrorCode): DescribedError {
  switch (code) {
    case CatalogErrorCode.PRODUCT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such product, or it is not visible to you.' };
    case CatalogErrorCode.PRODUCT_LINE_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such product line, or it is not visible to you.' };
    case CatalogErrorCode.PRICE_LIST_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such price list, or it is not visible to you.' };
    case CatalogErrorCode.SKU_TAKEN:
      return { code: ErrorCode.CONFLICT, message: 'Another product already has this SKU.' };
    case CatalogErrorCode.PRICE_LIST_OVERLAP:
      return {
        code: ErrorCode.CONFLICT,
        message: 'An active price list for the same channel and region already covers part of this period.',
      };
    case CatalogErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

export class CatalogError extends AppError {
  constructor(reason: CatalogErrorCode, extensions: Record<string, unknown> = {}) {
    const { code, message } = describe(reason);
    super(code, message, { ...extensions, reason });
  }
}
