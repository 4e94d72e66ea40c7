import { msg } from "../i18n/translate.ts";
import { opt } from "./options.ts";

/** Options several commands take, declared once so they read the same everywhere. */
export const complaintId = () => opt.complaint({ help: msg("arg.complaintId"), required: true });

export const expectedVersion = () =>
  opt.integer({ help: msg("arg.version"), required: false, min: 1, max: 1_000_000 });
