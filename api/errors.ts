import { GraphQLError } from 'graphql';

/** The codes a client can rely on in `extensions.code` (DESIGN.md §7). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** An events cursor older than the retention window: resuming from it would skip events. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid input value, named by its path from the argument, e.g. `filter.email`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The one error base class: every error the API raises on purpose carries a stable `extensions.code`, and
 * module errors add their own `extensions.reason` (e.g. `USER_NOT_FOUND`).
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** What a module's error code stands for: the client-facing code and message. */
export interface DescribedError {
  code: ErrorCode;
  message: string;
}

/** Extensions a module error may carry: `field` names the input path; `detail` is appended to the message. */
export type ModuleErrorExtensions = Record<string, unknown> & { field?: string; detail?: string };

/**
 * The base of module errors that name the offending input: `extensions.reason` is the module's code, and with
 * `field` a BAD_USER_INPUT error also lists it in `extensions.fields`, like every other invalid-input error.
 */
export abstract class ModuleInputError extends AppError {
  protected constructor(reason: string, described: DescribedError, extensions: ModuleErrorExtensions = {}) {
    const { code, message } = described;
    const text = extensions.detail === undefined ? message : `${message} ${extensions.detail}`;
    const fields = code === ErrorCode.BAD_USER_INPUT && extensions.field !== undefined ? [{ path: extensions.field, message: text }] : undefined;
    super(code, text, { ...extensions, reason, ...(fields ? { fields } : {}) });
  }
}

/** Same message whatever went wrong (unknown user, wrong password, bad token), so nothing is given away. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super(ErrorCode.UNAUTHENTICATED, 'Not authenticated: sign in or send a valid token or API key.');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this or to see this field.') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UserInputError extends AppError {
  constructor(problems: FieldProblem[]) {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    super(ErrorCode.BAD_USER_INPUT, `Invalid input. ${summary}`, { fields: problems });
  }

  static field(path: string, message: string): UserInputError {
    return new UserInputError([{ path, message }]);
  }
}

/** For `switch` statements over a module's error codes: a code without a case fails type-checking. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
