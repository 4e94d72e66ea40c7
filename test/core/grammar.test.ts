import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatLine, parseLine } from "../../src/core/commands/grammar.ts";
import { isComplaintError } from "../../src/core/errors.ts";

function parseFailure(line: string): string {
  try {
    parseLine(line);
  } catch (error) {
    if (isComplaintError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error(`expected ${line} to fail`);
}

describe("text grammar", () => {
  it("reads words and name:value options, with or without the complaint prefix", () => {
    for (const prefix of ["complaint ", "/complaint ", "COMPLAINT ", ""]) {
      const parsed = parseLine(`${prefix}staff add id:bob name:"Bob Chen" role:handler`);
      expect(parsed.words).toEqual(["staff", "add"]);
      expect(parsed.options).toEqual({ id: "bob", name: "Bob Chen", role: "handler" });
    }
  });

  it("keeps colons inside bare values and reads escapes inside quotes", () => {
    const parsed = parseLine(
      `open received:2026-11-02T09:30+08:00 content:"He said \\"no\\" twice" place:'Store #3'`,
    );
    expect(parsed.options.received).toBe("2026-11-02T09:30+08:00");
    expect(parsed.options.content).toBe('He said "no" twice');
    expect(parsed.options.place).toBe("Store #3");
  });

  it("accepts an empty quoted value and CJK text", () => {
    expect(parseLine('note text:""').options.text).toBe("");
    expect(parseLine("open content:重复扣费 name:王丽").options).toEqual({
      content: "重复扣费",
      name: "王丽",
    });
  });

  it("explains an unterminated quote", () => {
    expect(parseFailure('open content:"Charged twice')).toMatch(
      /^E_PARSE: the value of content opens a " quote that is never closed/,
    );
  });

  it("refuses a bare word after options and a repeated option", () => {
    expect(parseFailure("open name:Wang Li")).toMatch(
      /^E_PARSE: unexpected "Li": options are written name:value/,
    );
    expect(parseFailure("open name:a name:b")).toBe(
      "E_PARSE: option name is given twice; give it once",
    );
  });

  it("round-trips any option values through formatLine", () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    const value = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 6 }), (options) => {
        const parsed = parseLine(formatLine(["open"], options));
        expect(parsed.words).toEqual(["open"]);
        expect(parsed.options).toEqual({ ...options });
      }),
      { numRuns: 500 },
    );
  });

  it("never throws anything but a coded error on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        try {
          parseLine(line);
        } catch (error) {
          expect(isComplaintError(error)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
