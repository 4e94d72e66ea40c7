// The fake platform API of the nudge benchmark: test/faults FakeReceiver with
// HTTP keep-alive as a real API offers it.
import type { Server } from "node:http";
import { FakeReceiver } from "../../test/faults/harness.ts";

export class KeepAliveReceiver extends FakeReceiver {
  override async start(): Promise<void> {
    await super.start();
    // FakeReceiver announces `Keep-Alive: timeout=1` (so a killed worker's
    // sockets never hold a test up); undici keeps a socket for the announced
    // time minus 1 s, i.e. not at all, and the worker opened a new TCP
    // connection per POST (measured: ~6 % of its CPU samples in connect and
    // close). The field is private there; the test harness is not ours to change.
    const server = (this as unknown as { server: Server | null }).server;
    if (server) server.keepAliveTimeout = 65_000;
  }
}
