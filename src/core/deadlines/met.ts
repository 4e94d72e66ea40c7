import type { Repositories } from "../ports.ts";

/** Records that a deadline was met (first reply, result, close); the first time counts. */
export async function markDeadlineMet(
  repos: Repositories,
  complaintId: string,
  kind: string,
  at: Date,
): Promise<void> {
  const d = (await repos.deadlines.list(complaintId)).find((x) => x.kind === kind);
  if (d && !d.metAt) await repos.deadlines.put(complaintId, [{ ...d, metAt: at }]);
}
