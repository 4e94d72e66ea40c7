import { maskContact } from "../complaint/mask.ts";
import type { Severity, Status } from "../complaint/status.ts";
import { zoneOffsetMs } from "../time/zoned.ts";

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportFilter {
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  departmentId?: string;
  channel?: string;
  status?: Status;
  severity?: Severity;
  category?: string;
}

/**
 * Whose contacts appear in full: everyone's (the caller may see them all),
 * only those of the caller's own cases, or nobody's.
 */
export type ContactAccess = { full: "all" } | { full: "none" } | { full: "own"; staffId: string };

export interface ExportRequest {
  format: ExportFormat;
  filter: ExportFilter;
  contacts: ContactAccess;
  /** Times are written in this zone, with their offset. */
  timeZone: string;
  /** Goes into the file name: what was exported, e.g. `2026-10-billing`. */
  label: string;
}

/** One complaint as the export reads it from the database. */
export interface ExportRecord {
  number: string;
  status: string;
  channel: string;
  receivedAt: Date;
  complainant: string;
  contact: string;
  content: string;
  category: string | null;
  severity: string;
  departmentId: string | null;
  ownerId: string;
  assigneeId: string | null;
  repeatOf: string | null;
  major: boolean;
  resolution: string | null;
  resolvedAt: Date | null;
  callbackAt: Date | null;
  callbackSatisfied: boolean | null;
  closedAt: Date | null;
  handlingSeconds: number | null;
  delayReason: string | null;
}

export type Cell = string | number | null;

interface Column {
  name: string;
  /** Free text people typed: defused against spreadsheet formulas. */
  text?: boolean;
  value: (r: ExportRecord, contact: string, timeZone: string) => Cell;
}

const yesNo = (v: boolean | null) => (v === null ? null : v ? "yes" : "no");

// Reading a zone's offset through Intl is slow, and an export asks for
// millions. Offsets change only at transitions, which fall on whole quarter
// hours in every zone in use, so one lookup serves a quarter hour.
const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

function offsetAt(instant: Date, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(instant.getTime() / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 50_000) offsets.clear();
    offset = zoneOffsetMs(instant, timeZone);
    offsets.set(key, offset);
  }
  return offset;
}

/** `2026-10-05T10:00:00+08:00`: exact, and readable in the policy's zone. */
export function isoInZone(instant: Date | null, timeZone: string): string | null {
  if (!instant) return null;
  const offset = offsetAt(instant, timeZone);
  const local = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? "-" : "+";
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

const columns: readonly Column[] = [
  { name: "number", value: (r) => r.number },
  { name: "status", value: (r) => r.status },
  { name: "channel", value: (r) => r.channel },
  { name: "received_at", value: (r, _c, tz) => isoInZone(r.receivedAt, tz) },
  { name: "complainant", text: true, value: (r) => r.complainant },
  { name: "contact", value: (_r, contact) => contact },
  { name: "content", text: true, value: (r) => r.content },
  { name: "category", value: (r) => r.category },
  { name: "severity", value: (r) => r.severity },
  { name: "major", value: (r) => yesNo(r.major) },
  { name: "department", value: (r) => r.departmentId },
  { name: "owner", value: (r) => r.ownerId },
  { name: "assignee", value: (r) => r.assigneeId },
  { name: "repeat_of", value: (r) => r.repeatOf },
  { name: "resolution", text: true, value: (r) => r.resolution },
  { name: "resolved_at", value: (r, _c, tz) => isoInZone(r.resolvedAt, tz) },
  { name: "callback_at", value: (r, _c, tz) => isoInZone(r.callbackAt, tz) },
  { name: "callback_satisfied", value: (r) => yesNo(r.callbackSatisfied) },
  { name: "closed_at", value: (r, _c, tz) => isoInZone(r.closedAt, tz) },
  {
    name: "handling_hours",
    value: (r) => (r.handlingSeconds === null ? null : Math.round(r.handlingSeconds / 36) / 100),
  },
  { name: "delay_reason", text: true, value: (r) => r.delayReason },
];

export const exportHeader: readonly string[] = columns.map((c) => c.name);

function contactFor(r: ExportRecord, access: ContactAccess): string {
  const full =
    access.full === "all" ||
    (access.full === "own" && (r.ownerId === access.staffId || r.assigneeId === access.staffId));
  return full ? r.contact : maskContact(r.contact);
}

/** One record as the cells of a row, in exportHeader order, contact masked as `access` says. */
export function exportCells(r: ExportRecord, access: ContactAccess, timeZone: string): Cell[] {
  const contact = contactFor(r, access);
  return columns.map((c) => c.value(r, contact, timeZone));
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
// A spreadsheet would run these as formulas; contacts (+86…) and ids are never free text.
const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const textColumn = columns.map((c) => c.text === true);

/** Cells as one RFC 4180 line (CRLF), free text defused against formulas. */
export function csvLine(cells: readonly Cell[]): string {
  return (
    cells
      .map((cell, i) => {
        if (cell === null) return "";
        if (typeof cell === "number") return String(cell);
        return quote(textColumn[i] ? defuse(cell) : cell);
      })
      .join(",") + "\r\n"
  );
}
