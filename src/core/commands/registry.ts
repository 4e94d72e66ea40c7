import type { AnyCommand } from "./command.ts";
import assign from "./assign.ts";
import callback from "./callback.ts";
import close from "./close.ts";
import help from "./help.ts";
import list from "./list.ts";
import note from "./note.ts";
import open from "./open.ts";
import reopen from "./reopen.ts";
import resolve from "./resolve.ts";
import show from "./show.ts";
import staffAdd from "./staff-add.ts";
import staffLink from "./staff-link.ts";
import staffList from "./staff-list.ts";
import staffRole from "./staff-role.ts";

/** Every command, in the order help lists them. */
export const commands: readonly AnyCommand[] = [
  open,
  show,
  list,
  assign,
  note,
  resolve,
  callback,
  close,
  reopen,
  staffAdd,
  staffList,
  staffRole,
  staffLink,
  help,
];
