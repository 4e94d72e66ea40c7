import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import {
  exportCells,
  exportHeader,
  type Cell,
  type ExportRequest,
} from "../../src/core/reports/export.ts";
import { fileExporter } from "../../src/reports/file-exporter.ts";
import { xlsxSink } from "../../src/reports/xlsx-sink.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { exportBatches } from "../../src/store/export-rows.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { ManualClock, testCalendar } from "../helpers/engine.ts";
import { NOW, TZ } from "./fixture.ts";

/** Every row of the first sheet, empty cells as null. */
async function readXlsx(file: string): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= exportHeader.length; i++) {
      const v = row.getCell(i).value;
      if (v !== null && typeof v !== "string" && typeof v !== "number") {
        throw new Error(`cell ${row.number}:${i} is not plain: ${JSON.stringify(v)}`);
      }
      cells.push(v);
    }
    rows.push(cells);
  });
  return rows;
}

describe("xlsx exports", () => {
  let db: TestDatabase;
  let dir: string;
  let engine: Engine;
  const policy = defaultPolicy();
  const request: ExportRequest = {
    format: "xlsx",
    filter: {},
    contacts: { full: "none" },
    timeZone: TZ,
    label: "all",
  };

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    dir = await mkdtemp(path.join(tmpdir(), "cd-xlsx-"));
    await ensureAdmins(db.prisma, ["admin"]);
    await db.prisma.complaint.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        number: `TS-2610-${String(i + 1).padStart(4, "0")}`,
        status: i % 3 ? "registered" : "closed",
        channel: i % 2 ? "web" : "hotline",
        complainantName: `客户${i}`,
        contact: `1380013800${i}`,
        // Text that looks like a formula must stay text.
        content: i === 0 ? '=HYPERLINK("http://x","y")' : `内容 ${i}, "quoted", line\nbreak`,
        receivedAt: new Date(Date.UTC(2026, 9, 5 + i, 2)),
        ...(i % 3
          ? {}
          : { closedAt: new Date(Date.UTC(2026, 9, 20, 2)), handlingSeconds: 5400 * i }),
        ownerId: "admin",
        createdById: "admin",
      })),
    });
    engine = new Engine({
      uow: prismaUnitOfWork(db.prisma),
      policy,
      clock: new ManualClock(NOW),
      calendar: testCalendar(policy),
      services: { exporter: fileExporter(db.prisma, { dir, sinks: { xlsx: xlsxSink } }) },
    });
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes the same cells as the export's rows, typed, read back with exceljs", async () => {
    const exporter = fileExporter(db.prisma, { dir, batchSize: 3, sinks: { xlsx: xlsxSink } });
    expect(exporter.formats).toContain("xlsx");
    const file = await exporter.export(request);
    expect(file.rows).toBe(7);
    expect(file.filename).toMatch(/\.xlsx$/);
    expect(file.contentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const expected: Cell[][] = [[...exportHeader]];
    for await (const batch of exportBatches(db.prisma, {})) {
      expected.push(...batch.map((r) => exportCells(r, request.contacts, TZ)));
    }
    const actual = await readXlsx(file.path ?? "");
    expect(actual).toEqual(expected);
    // Not vacuous: numbers stay numbers, Chinese text survives, the formula is text.
    expect(actual.flat()).toContain(4.5);
    expect(actual.flat().some((c) => typeof c === "string" && c.includes("内容 1"))).toBe(true);
    expect(actual.flat().some((c) => typeof c === "string" && c.includes("HYPERLINK"))).toBe(true);
  });

  it("answers `export format:xlsx` with the file on disk", async () => {
    const r = await engine.execute("export format:xlsx month:2026-10", "admin");
    if (!r.ok) throw new Error(r.text);
    const file = r.files?.[0];
    expect(file?.rows).toBe(7);
    expect(file?.path).toBeDefined();
    expect(await readXlsx(file?.path ?? "")).toHaveLength(8);
    // Personal data: readable by this user only.
    expect((await stat(file?.path ?? "")).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).some((n) => n.endsWith(".partial"))).toBe(false);
  });
});

describe("xlsx sink", () => {
  it("closes its file on abort, without finishing the workbook", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cd-xlsx-abort-"));
    try {
      const file = path.join(dir, "a.xlsx.partial");
      const sink = await xlsxSink(file, ["a", "b"]);
      await sink.write([["x", 1]]);
      await sink.abort();
      await sink.abort();
      await expect(new ExcelJS.Workbook().xlsx.readFile(file)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
