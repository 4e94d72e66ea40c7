import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/core/engine.ts";
import { defaultPolicy } from "../../src/core/policy/schema.ts";
import type { ReplyFile } from "../../src/core/reply/reply.ts";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "../../src/core/reports/charts.ts";
import { chartRenderer } from "../../src/reports/chart-renderer.ts";
import { ensureAdmins } from "../../src/store/bootstrap.ts";
import { prismaUnitOfWork } from "../../src/store/unit-of-work.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { ManualClock, testCalendar } from "../helpers/engine.ts";
import { NOW } from "./fixture.ts";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(file: ReplyFile): Buffer {
  expect(file.contentType).toBe("image/png");
  const data = Buffer.from(file.base64 ?? "", "base64");
  expect(data.length).toBe(file.bytes);
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return data;
}

/** Width and height from the IHDR chunk, which always comes first. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/**
 * The PNG's RGBA pixels, decoded by resvg itself: the image is embedded in an
 * SVG of its own size and rendered without any font.
 */
function pixels(data: Buffer): { width: number; rgba: Buffer } {
  const { width, height } = pngSize(data);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${data.toString("base64")}"/></svg>`;
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  expect(image.width).toBe(width);
  return { width, rgba: image.pixels };
}

/** Dark pixels (text is drawn in dark grey) inside a box. */
function darkPixels(data: Buffer, box: { x0: number; x1: number; y0: number; y1: number }) {
  const { width, rgba } = pixels(data);
  let dark = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * width + x) * 4;
      const luma =
        0.299 * (rgba[i] ?? 255) + 0.587 * (rgba[i + 1] ?? 255) + 0.114 * (rgba[i + 2] ?? 255);
      if (luma < 128) dark++;
    }
  }
  return dark;
}

// Where the centred title sits (top 12, 18px) and the category labels under the axis.
const TITLE = { x0: 250, x1: 550, y0: 8, y1: 40 };
const LABELS = { x0: 64, x1: 768, y0: CHART_HEIGHT - 48, y1: CHART_HEIGHT - 28 };

const cjk = (title: string, categories: string[]): ChartSpec => ({
  id: "cjk",
  title,
  kind: "bar",
  categories,
  series: [{ name: "投诉", values: categories.map((_, i) => i + 1) }],
  unit: "count",
  width: CHART_WIDTH,
  height: CHART_HEIGHT,
});

describe("chart renderer", () => {
  const renderer = chartRenderer();

  it("draws a chart as a PNG of the spec's size", async () => {
    const file = await renderer.render({
      id: "on-time-2026-10",
      title: "On time (%), 2026-10",
      kind: "bar",
      categories: ["First reply", "Result", "Close"],
      series: [{ name: "On time %", values: [66.7, 0, null] }],
      unit: "percent",
      width: 640,
      height: 360,
    });
    expect(file.filename).toBe("on-time-2026-10.png");
    expect(file.title).toBe("On time (%), 2026-10");
    expect(file.bytes).toBeGreaterThan(1000);
    expect(pngSize(png(file))).toEqual({ width: 640, height: 360 });
  });

  it("draws Chinese titles and labels with the bundled font", async () => {
    const labelled = png(await renderer.render(cjk("按类别统计 账务部", ["账单错误", "物流延误"])));
    const bare = png(await renderer.render(cjk("", ["", ""])));
    expect(darkPixels(labelled, TITLE)).toBeGreaterThan(100);
    expect(darkPixels(bare, TITLE)).toBe(0);
    // The axis line and ticks are dark too: the labels are what the renders differ by.
    expect(darkPixels(labelled, LABELS) - darkPixels(bare, LABELS)).toBeGreaterThan(50);
  });

  it("draws no text at all without a font: the check above sees glyphs, not boxes", async () => {
    const fontless = chartRenderer({ fontFiles: [] });
    const file = png(await fontless.render(cjk("按类别统计 账务部", ["账单错误", "物流延误"])));
    expect(darkPixels(file, TITLE)).toBe(0);
  });
});

describe("stats with the chart renderer", () => {
  let db: TestDatabase;
  let engine: Engine;
  const policy = defaultPolicy();

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    await ensureAdmins(db.prisma, ["admin"]);
    engine = new Engine({
      uow: prismaUnitOfWork(db.prisma),
      policy,
      clock: new ManualClock(NOW),
      calendar: testCalendar(policy),
      services: { charts: chartRenderer() },
    });
  });
  afterAll(async () => db?.close());

  it("answers stats with the four charts as PNGs, even for an empty month", async () => {
    const r = await engine.execute("stats month:2026-10", "admin");
    if (!r.ok) throw new Error(r.text);
    expect(r.sections?.map((s) => s.heading)).not.toContain("Charts not drawn");
    expect(r.files?.map((f) => f.filename)).toEqual([
      "trend-2026-10.png",
      "category-2026-10.png",
      "department-2026-10.png",
      "on-time-2026-10.png",
    ]);
    for (const file of r.files ?? []) {
      expect(pngSize(png(file))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    }
  });

  it("leaves the charts out with charts:no", async () => {
    const r = await engine.execute("stats month:2026-10 charts:no", "admin");
    expect(r.ok && r.files).toBeUndefined();
  });
});
