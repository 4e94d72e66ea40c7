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
import approve from "./approve.ts";
import compensate from "./compensate.ts";
import contact from "./contact.ts";
import daily from "./daily.ts";
import deptSet from "./dept-set.ts";
import dncAdd from "./dnc-add.ts";
import dncCheck from "./dnc-check.ts";
import dncList from "./dnc-list.ts";
import dncRemove from "./dnc-remove.ts";
import escalate from "./escalate.ts";
import handover from "./handover.ts";
import staffEdit from "./staff-edit.ts";
import triage from "./triage.ts";
import resume from "./resume.ts";
import stage from "./stage.ts";
import wait from "./wait.ts";
import staffRole from "./staff-role.ts";
import stats from "./stats.ts";
import exportCommand from "./export.ts";

/** Every command, in the order help lists them. */
export const commands: readonly AnyCommand[] = [
  open,
  show,
  list,
  triage,
  assign,
  contact,
  note,
  escalate,
  wait,
  resume,
  stage,
  handover,
  resolve,
  callback,
  close,
  reopen,
  compensate,
  approve,
  dncAdd,
  dncRemove,
  dncCheck,
  dncList,
  daily,
  stats,
  exportCommand,
  staffAdd,
  staffEdit,
  staffList,
  staffRole,
  staffLink,
  deptSet,
  help,
];
