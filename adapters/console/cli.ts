import path from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../../src/app.ts";
import { startConsoleRuntime, type ConsoleRuntime } from "../../src/console-runtime.ts";
import { loadConfig } from "../../src/config/env.ts";
import { createLogger } from "../../src/logging.ts";
import { describeStartupError } from "../../src/startup-error.ts";
import { progressPrinter } from "./progress.ts";
import { ConsoleSession } from "./session.ts";

const usage = `usage: npm run console -- [--as <staff-id>] [--json]

Reads complaint commands from stdin, one per line, and answers each in order.
  --as <staff-id>  who you are (default: the first of ADMINS, or a new 'admin' on an empty directory)
  --json           one JSON object per answer and per notification
  --help           this text`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        as: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean" },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" && args.json ? "warn" : config.logLevel);
  const app = await createApp({ config, logger });
  let runtime: ConsoleRuntime | null = null;
  try {
    runtime = await startConsoleRuntime(app, config, logger);
    const active = runtime;
    const actor = await app.chooseActor(args.as);
    if (actor.note && !args.json) process.stderr.write(`${actor.note}\n`);
    const interactive = process.stdin.isTTY === true;
    if (interactive && !args.json) {
      process.stdout.write(
        `complaint-desk console, acting as ${actor.id}. Type complaint help, or .quit to leave.\n`,
      );
    }
    const session = new ConsoleSession({
      input: process.stdin,
      output: process.stdout,
      backend: {
        execute: (line, actorId, options) => active.execute(line, actorId, options),
        flushNotifications: () => active.flushNotifications(),
      },
      actorId: actor.id,
      json: args.json,
      prompt: interactive,
      filesDir: path.join(config.dataDir, "files"),
      progress: progressPrinter(process.stderr, process.stderr.isTTY === true),
    });
    runtime.notifier.attach((n) => session.notify(n));
    await session.run();
  } finally {
    await runtime?.close();
    await app.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeStartupError(error)}\n`);
    process.exitCode = 1;
  },
);
