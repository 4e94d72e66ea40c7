import type { DncRecord } from "./dnc.ts";

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
// Free text that a spreadsheet would run as a formula is defused; contacts stay exact (+86…).
const text = (v: string) => quote(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** RFC 4180 CSV of the list, for the systems that must honour it. */
export function dncCsv(entries: readonly DncRecord[]): string {
  const header = "contact,reason,added_at,added_by";
  const rows = entries.map((e) =>
    [quote(e.contact), text(e.reason), e.addedAt.toISOString(), quote(e.addedById)].join(","),
  );
  return [header, ...rows].join("\r\n") + "\r\n";
}
