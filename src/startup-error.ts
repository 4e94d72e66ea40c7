import { isConfigError } from "./config/errors.ts";
import { isStoreError } from "./store/errors.ts";

/**
 * What a person sees when the process cannot start: the coded message for
 * problems they can fix, the stack only for bugs.
 */
export function describeStartupError(error: unknown): string {
  if (isConfigError(error) || isStoreError(error))
    return `cannot start (${error.code}): ${error.message}`;
  if (error instanceof Error) return `cannot start: ${error.stack ?? error.message}`;
  return `cannot start: ${String(error)}`;
}
