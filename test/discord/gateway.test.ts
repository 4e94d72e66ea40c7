// End to end over the gateway: fake Discord dispatches interactions to a
// discord.js client; the adapter answers through the fake REST API and
// writes to PostgreSQL. Every request is checked against Discord's API
// description (fake.problems).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Call } from "./fake/discord.ts";
import { autocomplete, button, modalSubmit, slash, type Member } from "./fake/interactions.ts";
import {
  CARD_CHANNEL,
  forToken,
  HANDLER_ROLE,
  isCallback,
  isEdit,
  people,
  startHarness,
  type Harness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ gateway: true });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  // Emptied each time, so one test's contract breach is not blamed on the next.
  expect(h.fake.problems.splice(0)).toEqual([]);
});

type Payload = { id: string; token: string };

/** Dispatches an interaction and returns its first answer (the callback body). */
async function send(p: Payload): Promise<{ type: number; data?: Record<string, unknown> }> {
  const mark = h.fake.calls.length;
  h.fake.dispatch("INTERACTION_CREATE", p);
  const call = await h.fake.waitFor((c) => isCallback(c) && c.path.includes(p.id), mark);
  return call.body as { type: number; data?: Record<string, unknown> };
}

/** The deferred answer's final content (the PATCH of @original). */
async function edited(p: Payload, from = 0): Promise<Record<string, unknown>> {
  const call = await h.fake.waitFor((c) => isEdit(c) && forToken(p.token)(c), from);
  return call.body as Record<string, unknown>;
}

const embedText = (body: Record<string, unknown>) => JSON.stringify(body.embeds ?? body.content);

async function complaintRow(number: string) {
  return h.db.prisma.complaint.findUnique({ where: { number } });
}

async function openComplaint(who: Member, content: string): Promise<string> {
  const start = slash(who, ["open"], { channel: "hotline", severity: "complex" });
  const modal = await send(start);
  expect(modal.type).toBe(9);
  const customId = String(modal.data?.custom_id);
  const submit = modalSubmit(who, customId, { name: "Wang Li", contact: "13800138000", content });
  const mark = h.fake.calls.length;
  expect((await send(submit)).type).toBe(5);
  const body = await edited(submit, mark);
  const number = /TS-\d{4}-\d{4}/.exec(embedText(body))?.[0];
  if (!number) throw new Error(`no complaint number in ${embedText(body)}`);
  return number;
}

describe("Discord over the gateway", () => {
  let number = "";
  let card: Call | undefined;

  it("slash command → modal → submission → complaint in PostgreSQL, card and thread in the team channel", async () => {
    const mark = h.fake.calls.length;
    number = await openComplaint(people.carol, "Charged twice for May");
    const row = await complaintRow(number);
    expect(row).toMatchObject({
      status: "registered",
      channel: "hotline",
      severity: "complex",
      ownerId: "carol",
    });
    expect(row?.contact).toBe("13800138000");
    card = await h.fake.waitFor(
      (c) => c.method === "POST" && c.path === `/channels/${CARD_CHANNEL}/messages`,
      mark,
    );
    expect(JSON.stringify(card.body)).toContain(number);
    // The team channel never sees the contact.
    expect(JSON.stringify(card.body)).not.toContain("13800138000");
    // Buttons anyone may press, each able to finish its command (resolve needs more than a modal holds).
    const buttons = JSON.stringify((card.body as { components: unknown }).components);
    expect(buttons).toContain(`c:show id:${number}`);
    expect(buttons).toContain(`c:note id:${number}`);
    expect(buttons).not.toContain("c:resolve");
    await h.fake.waitFor(
      (c) => c.template === "/channels/{channel_id}/messages/{message_id}/threads",
      mark,
    );
    await expect
      .poll(() => h.app.chatMessages.get("discord", number))
      .toMatchObject({ channelRef: CARD_CHANNEL });
  });

  it("autocomplete suggests complaint numbers and staff", async () => {
    const ids = await send(autocomplete(people.carol, ["assign"], "id", number.slice(0, 4)));
    expect(ids.type).toBe(8);
    expect((ids.data?.choices as { value: string }[]).map((c) => c.value)).toContain(number);
    const staff = await send(autocomplete(people.carol, ["assign"], "to", "bo", { id: number }));
    expect((staff.data?.choices as { value: string; name: string }[])[0]).toMatchObject({
      value: "bob",
    });
    // Strangers learn nothing from suggestions.
    const none = await send(autocomplete(people.stranger, ["assign"], "id", "TS"));
    expect(none.data?.choices).toEqual([]);
  });

  it("a slash command with options runs at once, edits the card and writes to its thread", async () => {
    const p = slash(people.carol, ["assign"], { id: number, to: "bob" });
    const mark = h.fake.calls.length;
    expect((await send(p)).type).toBe(5);
    expect(embedText(await edited(p, mark))).toContain("assigned to bob");
    expect((await complaintRow(number))?.assigneeId).toBe("bob");
    const patch = await h.fake.waitFor(
      (c) => c.method === "PATCH" && c.template === "/channels/{channel_id}/messages/{message_id}",
      mark,
    );
    expect(JSON.stringify(patch.body)).toContain("assigned");
    const ref = await h.app.chatMessages.get("discord", number);
    await h.fake.waitFor(
      (c) => c.method === "POST" && c.path === `/channels/${ref?.threadRef}/messages`,
      mark,
    );
  });

  it("a card button opens the command's modal; the submission adds the note", async () => {
    const press = button(people.bob, `c:note id:${number}`);
    const modal = await send(press);
    expect(modal.type).toBe(9);
    const fields = (modal.data?.components as { component: { custom_id: string } }[]).map(
      (c) => c.component.custom_id,
    );
    expect(fields).toEqual(["text"]);
    const submit = modalSubmit(people.bob, String(modal.data?.custom_id), {
      text: "Called the customer",
    });
    const mark = h.fake.calls.length;
    expect((await send(submit)).type).toBe(5);
    expect(embedText(await edited(submit, mark))).toContain("Note added");
    expect((await complaintRow(number))?.status).toBe("in_progress");
  });

  it("a slash command missing its long text asks for it in a modal, keeping the other options", async () => {
    const cause = h.app.policy.causes[0]?.id ?? "";
    const p = slash(people.bob, ["resolve"], {
      id: number,
      cause,
      handler: "bob",
      dept: "billing",
      contacted: true,
      satisfied: true,
      resolved: true,
      promised: "2026-11-24T10:00+08:00",
    });
    const modal = await send(p);
    expect(modal.type).toBe(9);
    const fields = (modal.data?.components as { component: { custom_id: string } }[]).map(
      (c) => c.component.custom_id,
    );
    expect(fields).toEqual(expect.arrayContaining(["result", "phone"]));
    // Too many options for 100 characters: they wait in the database.
    expect(String(modal.data?.custom_id)).toMatch(/^f:/);
    const forged = modalSubmit(people.carol, String(modal.data?.custom_id), {
      result: "x",
      phone: "13900139000",
    });
    expect((await send(forged)).data?.content).toMatch(/no longer valid/);
    const submit = modalSubmit(people.bob, String(modal.data?.custom_id), {
      result: "Refunded the duplicate charge",
      phone: "13900139000",
    });
    const mark = h.fake.calls.length;
    expect((await send(submit)).type).toBe(5);
    const body = await edited(submit, mark);
    expect(embedText(body)).toContain("resolved");
    expect((await complaintRow(number))?.status).toBe("resolved");
  });

  it("errors are ephemeral and say what to fix", async () => {
    const p = slash(people.carol, ["close"], { id: "TS-0000-0000" });
    const mark = h.fake.calls.length;
    const first = await send(p);
    expect(first).toMatchObject({ type: 5, data: { flags: 64 } });
    const body = await edited(p, mark);
    expect(String(body.content)).toMatch(/^⚠️ E_NOT_FOUND: /);
  });

  it("a double click runs the command once", async () => {
    const other = await openComplaint(people.carol, "Parcel arrived broken");
    const message = "1300000000000000999";
    const a = button(people.carol, `c:assign id:${other} to:bob`, message);
    const b = button(people.carol, `c:assign id:${other} to:bob`, message);
    const mark = h.fake.calls.length;
    h.fake.dispatch("INTERACTION_CREATE", a);
    h.fake.dispatch("INTERACTION_CREATE", b);
    const [ea, eb] = await Promise.all([edited(a, mark), edited(b, mark)]);
    const texts = [embedText(ea), embedText(eb)];
    expect(texts.filter((t) => t.includes("just pressed"))).toHaveLength(1);
    const assigned = await h.db.prisma.auditEvent.count({
      where: { subject: other, action: "complaint.assigned" },
    });
    expect(assigned).toBe(1);
  });

  it("an unlinked member is told how to get access, in their language", async () => {
    const p = slash({ ...people.stranger, locale: "zh-CN" }, ["list"]);
    const mark = h.fake.calls.length;
    await send(p);
    const body = await edited(p, mark);
    expect(String(body.content)).toContain("员工名录");
    expect(String(body.content)).toContain(`user:${people.stranger.id}`);
    const en = slash(people.stranger, ["list"]);
    const mark2 = h.fake.calls.length;
    await send(en);
    expect(String((await edited(en, mark2)).content)).toContain("not in the staff directory");
  });

  it("a member with a mapped Discord role joins the directory as that role, audited", async () => {
    const newbie = { id: "1000000000000000042", username: "Dan.Zhou", roles: [HANDLER_ROLE] };
    const p = slash(newbie, ["list"]);
    const mark = h.fake.calls.length;
    await send(p);
    await edited(p, mark);
    const staff = await h.db.prisma.staff.findUnique({ where: { id: "dan.zhou" } });
    expect(staff).toMatchObject({ role: "handler", departmentId: "billing", active: true });
    expect(await h.app.resolveStaff("discord", newbie.id)).toBe("dan.zhou");
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { subject: "staff:dan.zhou", action: "staff.added" },
    });
    expect(audit?.actorId).toBe("system");
  });

  it("uploads a reply's file (CSV export) with the answer", async () => {
    const p = slash(people.carol, ["dnc", "list"], { export: true });
    const mark = h.fake.calls.length;
    await send(p);
    const edit = await h.fake.waitFor((c) => isEdit(c) && forToken(p.token)(c), mark);
    expect(edit.files).toEqual([
      { name: "do-not-contact.csv", size: expect.any(Number) as number },
    ]);
    expect((edit.body as { attachments: unknown[] }).attachments).toEqual([
      { id: "0", filename: "do-not-contact.csv" },
    ]);
  });

  it("attaches the stats charts as PNGs to the answer", async () => {
    const p = slash(people.carol, ["stats"], { month: "2026-10" });
    const mark = h.fake.calls.length;
    await send(p);
    const edit = await h.fake.waitFor((c) => isEdit(c) && forToken(p.token)(c), mark);
    const names = ["trend", "category", "department", "on-time"].map((n) => `${n}-2026-10.png`);
    expect(edit.files.map((f) => f.name)).toEqual(names);
    expect(edit.files.every((f) => f.size > 1000)).toBe(true);
    expect((edit.body as { attachments: unknown[] }).attachments).toEqual(
      names.map((filename, i) => ({ id: String(i), filename })),
    );
  });

  it("honours a 429 on the follow-up: waits Retry-After, then delivers", async () => {
    const p = slash(people.carol, ["show"], { id: number });
    h.fake.inject((c) => isEdit(c) && forToken(p.token)(c), {
      status: 429,
      headers: { "retry-after": "0.3" },
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
    });
    const mark = h.fake.calls.length;
    await send(p);
    const first = await h.fake.waitFor(
      (c) => isEdit(c) && forToken(p.token)(c) && c.status === 429,
      mark,
    );
    const second = await h.fake.waitFor(
      (c) => isEdit(c) && forToken(p.token)(c) && c.status === 200,
      mark,
    );
    expect(second.at - first.at).toBeGreaterThanOrEqual(280);
  });

  it("honours retry_after from the body when the header is missing", async () => {
    const p = slash(people.carol, ["show"], { id: number });
    h.fake.inject((c) => isEdit(c) && forToken(p.token)(c), {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
    });
    const mark = h.fake.calls.length;
    await send(p);
    const first = await h.fake.waitFor(
      (c) => isEdit(c) && forToken(p.token)(c) && c.status === 429,
      mark,
    );
    const second = await h.fake.waitFor(
      (c) => isEdit(c) && forToken(p.token)(c) && c.status === 200,
      mark,
    );
    expect(second.at - first.at).toBeGreaterThanOrEqual(280);
  });

  it("answered every interaction well within 3 s", () => {
    const slowest = Math.max(...h.answers.map((a) => a.ms));
    const defers = h.answers
      .filter((a) => a.kind === "defer")
      .map((a) => a.ms)
      .sort((x, y) => x - y);
    console.info(
      `discord answers: ${h.answers.length}, defers ${defers.length}, defer median ${defers[Math.floor(defers.length / 2)]?.toFixed(1)} ms, slowest first answer ${slowest.toFixed(1)} ms`,
    );
    expect(slowest).toBeLessThan(3_000);
  });
});
