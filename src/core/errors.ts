import { inEnglish, isMessage, type Text, type Translator } from "./i18n/translate.ts";

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

/**
 * `message` and `details.fields` are English, for logs and for code that
 * reads errors directly; `localize` gives them in the reader's language
 * (the Engine does this for every reply).
 */
export class ComplaintError extends Error {
  override readonly name = "ComplaintError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  private readonly text: Text;
  private readonly fieldTexts: Readonly<Record<string, Text>> | undefined;

  constructor(
    code: ErrorCode,
    message: Text,
    options?: { cause?: unknown; details?: ErrorDetails; fields?: Record<string, Text> },
  ) {
    super(inEnglish(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.text = message;
    this.fieldTexts = options?.fields ?? options?.details?.fields;
    const fields = this.fieldTexts ? mapTexts(this.fieldTexts, inEnglish) : undefined;
    this.details =
      options?.details || fields
        ? { ...options?.details, ...(fields ? { fields } : {}) }
        : undefined;
  }

  /** The message and details as `t`'s reader reads them. */
  localize(t: Translator): { message: string; details?: ErrorDetails } {
    const fields = this.fieldTexts ? mapTexts(this.fieldTexts, (x) => t.render(x)) : undefined;
    const details = this.details ? { ...this.details, ...(fields ? { fields } : {}) } : undefined;
    return { message: t.render(this.text), ...(details ? { details } : {}) };
  }
}

function mapTexts(texts: Readonly<Record<string, Text>>, render: (text: Text) => string) {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(texts))
    out[name] = isMessage(text) ? render(text) : String(text);
  return out;
}

export function isComplaintError(error: unknown): error is ComplaintError {
  return error instanceof ComplaintError;
}

export const parseError = (message: Text) => new ComplaintError(ErrorCode.Parse, message);
export const validationError = (message: Text, fields?: Record<string, Text>) =>
  new ComplaintError(ErrorCode.Validation, message, fields ? { fields } : undefined);
export const notFound = (message: Text) => new ComplaintError(ErrorCode.NotFound, message);
export const unknownStaff = (message: Text) => new ComplaintError(ErrorCode.UnknownStaff, message);
export const forbidden = (message: Text) => new ComplaintError(ErrorCode.Forbidden, message);
export const invalidState = (message: Text) => new ComplaintError(ErrorCode.InvalidState, message);
export const conflict = (message: Text) => new ComplaintError(ErrorCode.Conflict, message);
export const duplicate = (message: Text) => new ComplaintError(ErrorCode.Duplicate, message);
