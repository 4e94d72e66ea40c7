import { opt } from "./options.ts";

/** Options several commands take, declared once so they read the same everywhere. */
export const complaintId = () =>
  opt.complaint({ help: "complaint number, e.g. TS-2611-0001", required: true });

export const expectedVersion = () =>
  opt.integer({
    help: "the version you looked at; the command fails with E_CONFLICT if the complaint changed since",
    required: false,
    min: 1,
    max: 1_000_000,
  });
