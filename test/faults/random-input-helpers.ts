/**
 * Generators for random-input.test.ts: command lines of the console grammar
 * (README "Text grammar"), built from the engine's own command list and
 * option specs so they stay in step with the commands, mixed with near
 * misses, garbage, unicode and oversized text; and Slack payloads that carry
 * such lines (slash commands, buttons, form submissions).
 */
import fc from "fast-check";
import type { AnyCommand } from "../../src/core/commands/command.ts";
import type { OptionSpec, OptionSpecs } from "../../src/core/commands/options.ts";

/** Complainants' phones: the only place these digits are ever typed. */
export const PHONES = ["13800138000", "13912345678", "15011112222", "18622223333", "17700001111"];
/** The same numbers as people also type them; they normalize to PHONES. */
const PHONE_SPELLINGS = ["+86 138 0013 8000", "139-1234-5678", "+8615011112222"];
const EMAILS = ["li.na@example.com", "zhao.lei@example.cn"];
/** Staff phones for `resolve phone:`, kept apart from the complainants'. */
const HANDLER_PHONES = ["13900139000", "02161234567"];

export const SEED_STAFF = ["admin", "gm", "carol", "bob", "hana", "amy"] as const;
export const ACTORS = [...SEED_STAFF, "ghost"] as const;
const STAFF_VALUES = [...SEED_STAFF, "ghost", "BOB", "bob2", "@me", "<@U0BOB>"];
const DEPARTMENTS = ["billing", "sales", "legal", "BILLING", "bill ing"];

export interface Vocabulary {
  commands: readonly AnyCommand[];
  specsOf: (command: AnyCommand) => OptionSpecs;
  /** `TS-YYMM`/`CP-YYMM` of the run, so ids hit real complaints and requests. */
  period: string;
}

const pad4 = (n: number) => String(n).padStart(4, "0");

/** Short text that may hold anything but the complainants' digits. */
const shortText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
  fc.string({ minLength: 1, maxLength: 12, unit: "binary" }),
  fc.constantFrom(
    "Charged twice for May",
    "退款未到账，客户很生气",
    "<!channel> ping",
    "*bold* _it_ `code` ~strike~",
    "&lt;script&gt;",
    '"quoted" \\ back\\slash',
    "emoji 🙂🙃 zwj 👩‍👩‍👧",
    "\u202eevil bidi",
    "tab\there",
    "line\nbreak",
    "nul\u0000byte",
    " ",
  ),
);

/** Longer than `max`, in one of several scripts. */
const oversized = (max: number) =>
  fc
    .tuple(fc.constantFrom("x", "长", "🙂", "a b "), fc.integer({ min: 1, max: 40 }))
    .map(([unit, extra]) => unit.repeat(max + extra));

function valueArb(name: string, spec: OptionSpec, v: Vocabulary): fc.Arbitrary<string> {
  const garbage = fc.oneof(shortText, fc.constantFrom("", "-1", "null", "undefined", "0"));
  const weighted = (good: fc.Arbitrary<string>) =>
    fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: garbage, weight: 1 });
  if (name === "phone") return weighted(fc.constantFrom(...HANDLER_PHONES));
  switch (spec.kind) {
    case "complaint":
      return weighted(
        fc.oneof(
          // Mostly the first cases, which exist from the start.
          fc
            .oneof(
              { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 3 },
              { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 1 },
            )
            .map((n) => `TS-${v.period}-${pad4(n)}`),
          fc.constantFrom("TS-0000-0000", `ts-${v.period}-0001`, `TS-${v.period}-1`),
        ),
      );
    case "staff":
      return weighted(fc.constantFrom(...STAFF_VALUES));
    case "department":
      return weighted(fc.constantFrom(...DEPARTMENTS));
    case "choice":
      return weighted(fc.constantFrom(...(spec.choices ?? ["x"])));
    case "boolean":
      return fc.constantFrom("yes", "no", "YES", "true", "1", "maybe");
    case "integer":
      return fc.oneof(
        fc.integer({ min: -3, max: 60 }).map(String),
        fc.constantFrom("1e9", "99999999999999999999", "0x10", "NaN", "3.5"),
      );
    case "time":
      return fc.oneof(
        fc.constantFrom(
          "2026-11-25T18:00+08:00",
          "2026-11-20T09:30",
          "2026-11-23T01:00:00Z",
          "2030-01-01T00:00Z",
          "2026-02-30T10:00",
          "2026-11-23",
          "yesterday",
        ),
        garbage,
      );
    case "contact":
      return fc.oneof(
        { arbitrary: fc.constantFrom(...PHONES), weight: 4 },
        { arbitrary: fc.constantFrom(...PHONE_SPELLINGS, ...EMAILS), weight: 2 },
        { arbitrary: fc.constantFrom("138001380", "not a phone", "@", "a@b"), weight: 1 },
      );
    case "text":
    case "longtext":
      return fc.oneof(
        { arbitrary: shortText, weight: 6 },
        { arbitrary: oversized(spec.maxLength ?? 4000), weight: 1 },
      );
  }
  return garbage;
}

/** How an option is typed: bare when it can be, else quoted; now and then badly. */
type Style = "plain" | "single" | "unterminated";
const styleArb: fc.Arbitrary<Style> = fc.oneof(
  { arbitrary: fc.constant("plain" as const), weight: 30 },
  { arbitrary: fc.constant("single" as const), weight: 5 },
  { arbitrary: fc.constant("unterminated" as const), weight: 1 },
);

const typed = (name: string, value: string, style: Style): string => {
  const bare = value !== "" && !/[\s"'\\]/.test(value);
  if (style === "plain" && bare) return `${name}:${value}`;
  if (style === "single") return `${name}:'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (style === "unterminated") return `${name}:"${value}`;
  return `${name}:"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
};

/** Mostly nothing; sometimes an option nobody asked for, a doubled one, or a stray word. */
const extraArb = (names: readonly string[], option: (name: string) => fc.Arbitrary<string>) =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 12 },
    {
      arbitrary: fc.constantFrom("bogus:1", "ID:x", "id:", ":x", "x:y:z", "--force", "'stray'"),
      weight: 1,
    },
    { arbitrary: names.length ? option(names[0] ?? "id") : fc.constant("x:y"), weight: 1 },
  );

/** A line for one real command: mostly its required options, some optional, some unknown or doubled. */
function commandLine(v: Vocabulary, command: AnyCommand): fc.Arbitrary<string> {
  const specs = v.specsOf(command);
  const names = Object.keys(specs);
  const required = names.filter((n) => specs[n]?.required);
  const optional = names.filter((n) => !specs[n]?.required);
  const option = (name: string) =>
    fc
      .tuple(valueArb(name, specs[name] as OptionSpec, v), styleArb)
      .map(([value, style]) => typed(name, value, style));
  return fc
    .record({
      dropRequired: fc.nat({ max: 5 }),
      requiredOpts: fc.tuple(...required.map(option)),
      optionalOpts: optional.length
        ? fc
            .subarray(optional, { maxLength: Math.min(3, optional.length) })
            .chain((chosen) => fc.tuple(...chosen.map(option)))
        : fc.constant([] as string[]),
      extra: extraArb(names, option),
      shuffle: fc.boolean(),
    })
    .map(({ dropRequired, requiredOpts, optionalOpts, extra, shuffle }) => {
      // One line in six lacks a required option (Slack turns those into forms).
      const kept = dropRequired === 0 ? requiredOpts.slice(0, -1) : requiredOpts;
      const opts = [...kept, ...optionalOpts, ...(extra ? [extra] : [])];
      if (shuffle) opts.reverse();
      return [command.name, ...opts].join(" ");
    });
}

const prefix = fc.constantFrom("complaint ", "complaint ", "/complaint ", "COMPLAINT  ", "");

/** A command line as someone might type it into the console or Slack. */
export function lineArb(v: Vocabulary): fc.Arbitrary<string> {
  const known = fc.constantFrom(...v.commands).chain((c) => commandLine(v, c));
  const nearMiss = fc
    .tuple(
      fc.constantFrom(...v.commands.map((c) => c.name)),
      fc.constantFrom("s", "", "-x", " extra", "!"),
    )
    .map(([name, suffix]) => `${name}${suffix}`);
  const garbage = fc.oneof(
    { arbitrary: fc.string({ maxLength: 80 }), weight: 3 },
    { arbitrary: fc.string({ maxLength: 40, unit: "grapheme" }), weight: 3 },
    { arbitrary: fc.string({ maxLength: 30, unit: "binary" }), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '"',
        "'",
        "\\",
        ":",
        "::::",
        "id:",
        "complaint",
        "/complaint",
        "\u0000",
        "\t",
      ),
      weight: 3,
    },
    // Very long lines: an unknown word this long costs the engine ~50 ms
    // (its typo suggestion is quadratic), so they are rarer than the rest.
    {
      arbitrary: fc
        .tuple(fc.constantFrom("x", "长", "🙂", "id:1 "), fc.integer({ min: 500, max: 5000 }))
        .map(([unit, n]) => unit.repeat(n)),
      weight: 1,
    },
  );
  // A well-formed intake now and then, so there are cases (and cards, and
  // channel posts) for the other commands and the phone check to work on.
  const intake = fc
    .record({
      name: shortText,
      contact: fc.constantFrom(...PHONES, ...PHONE_SPELLINGS),
      content: shortText,
      extra: fc.constantFrom("", " severity:major", " channel:regulator", " category:billing"),
    })
    .map(
      ({ name, contact, content, extra }) =>
        `open channel:hotline ${typed("name", name, "plain")} ${typed("contact", contact, "plain")} ` +
        `${typed("content", content, "plain")} dept:billing${extra}`,
    );
  return fc
    .tuple(
      prefix,
      fc.oneof(
        { arbitrary: intake, weight: 1 },
        { arbitrary: known, weight: 14 },
        { arbitrary: nearMiss, weight: 2 },
        { arbitrary: garbage, weight: 3 },
      ),
    )
    .map(([p, rest]) => `${p}${rest}`);
}

/** What Slack puts around user text in a slash command ("Escape channels, users and links"). */
export function slackEscaped(line: string, style: number): string {
  switch (style) {
    case 1:
      return line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    case 2:
      return line.replace(/\bbob\b/g, "<@U0BOB|bob>");
    case 3:
      return line.replace(/\b([a-z.]+@example\.c[a-z]+)\b/g, "<mailto:$1|$1>");
    default:
      return line;
  }
}

/** A Slack form field value as the view state carries it. */
export const stateValueArb = fc.oneof(
  shortText.map((value) => ({ type: "plain_text_input", value })),
  fc.constantFrom(...PHONES, "yes", "billing", "bob", "hotline").map((value) => ({
    type: "static_select",
    selected_option: { value, text: { type: "plain_text", text: value } },
  })),
  fc.integer({ min: -1, max: 2_000_000_000 }).map((n) => ({
    type: "datetimepicker",
    selected_date_time: n,
  })),
  fc.constant({ type: "plain_text_input", value: null }),
);
