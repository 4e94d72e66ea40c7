import type { ReplyFile } from "../reply/reply.ts";
import type { ChartSpec } from "../reports/charts.ts";
import type { ChartRenderer } from "../reports/services.ts";
import type { Notification } from "./notification.ts";

/**
 * The files that go with a notification: its charts drawn as PNGs. A chart
 * that cannot be drawn is left out and reported to `onError`: the same spec
 * fails the same way on every retry, and the text must still go out.
 * Without a renderer there are no files.
 */
export async function notificationFiles(
  n: Pick<Notification, "charts">,
  renderer: ChartRenderer | null | undefined,
  onError: (spec: ChartSpec, error: unknown) => void = () => {},
): Promise<ReplyFile[]> {
  if (!renderer || !n.charts?.length) return [];
  const files: ReplyFile[] = [];
  for (const spec of n.charts) {
    try {
      files.push(await renderer.render(spec));
    } catch (error) {
      onError(spec, error);
    }
  }
  return files;
}
