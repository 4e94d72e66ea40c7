/**
 * Every failure a user can cause has a stable code. Adapters render the code
 * and message; scripts match on the code, so codes never change meaning.
 */
export const ErrorCode = {
  Parse: "E_PARSE",
  UnknownCommand: "E_UNKNOWN_COMMAND",
  Validation: "E_VALIDATION",
  NotFound: "E_NOT_FOUND",
  UnknownStaff: "E_UNKNOWN_STAFF",
  Forbidden: "E_FORBIDDEN",
  InvalidState: "E_INVALID_STATE",
  Conflict: "E_CONFLICT",
  Duplicate: "E_DUPLICATE",
  Unavailable: "E_UNAVAILABLE",
  Internal: "E_INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorDetails {
  /** Option names at fault, so adapters can highlight modal fields. */
  fields?: Record<string, string>;
  [key: string]: unknown;
}

export class ComplaintError extends Error {
  override readonly name = "ComplaintError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: ErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }
}

export function isComplaintError(error: unknown): error is ComplaintError {
  return error instanceof ComplaintError;
}

export const parseError = (message: string) => new ComplaintError(ErrorCode.Parse, message);
export const validationError = (message: string, fields?: Record<string, string>) =>
  new ComplaintError(ErrorCode.Validation, message, fields ? { details: { fields } } : undefined);
export const notFound = (message: string) => new ComplaintError(ErrorCode.NotFound, message);
export const forbidden = (message: string) => new ComplaintError(ErrorCode.Forbidden, message);
export const invalidState = (message: string) =>
  new ComplaintError(ErrorCode.InvalidState, message);
export const conflict = (message: string) => new ComplaintError(ErrorCode.Conflict, message);
