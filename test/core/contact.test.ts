import { describe, expect, it } from "vitest";
import { maskContact } from "../../src/core/complaint/mask.ts";
import { normalizeContact } from "../../src/core/commands/options.ts";

describe("contacts", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["010-12345678", "010-12345678"],
    ["0755 8888 6666", "075588886666"],
    ["+44 20 7946 0958", "+442079460958"],
    ["Li.Na@Example.com", "li.na@example.com"],
  ])("accepts %s", (raw, normalized) => {
    expect(normalizeContact(raw)).toBe(normalized);
  });

  it.each(["12345", "1380013800", "23800138000", "abc", "a@b", "+0 123", "", "138001380001234567"])(
    "refuses %j",
    (raw) => {
      expect(normalizeContact(raw)).toBeNull();
    },
  );

  it("masks phones and e-mails", () => {
    expect(maskContact("13800138000")).toBe("138****8000");
    expect(maskContact("010-12345678")).toBe("010****5678");
    expect(maskContact("li.na@example.com")).toBe("l***@example.com");
    expect(maskContact("+442079460958")).toBe("442****0958");
  });
});
