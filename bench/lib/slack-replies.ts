// Waiting for a specific reply to reach the fake Slack's response_url, the
// moment it arrives. The fake only records posts in an array (tests poll it
// every 10 ms), which is too coarse for latencies of a few milliseconds, so
// the array's push is hooked instead of polled.
import type { FakeSlackApi, ResponseUrlPost } from "../../test/slack/fake-slack-api.ts";

export interface ArrivedReply {
  post: ResponseUrlPost;
  /** performance.now() when the fake had read the whole body. */
  at: number;
}

export interface ReplyWaiter {
  /** Resolves when a post to responseUrl(id) arrives; rejects after timeoutMs. */
  next(id: string, timeoutMs: number): Promise<ArrivedReply>;
  /** Stops waiting for id (its request failed, no reply will come). */
  forget(id: string): void;
  /** Posts that arrived for ids nobody waited for (a second reply, a stray retry). */
  readonly unexpected: ResponseUrlPost[];
}

export function replyWaiter(slack: FakeSlackApi): ReplyWaiter {
  const waiting = new Map<string, (reply: ArrivedReply | null) => void>();
  const unexpected: ResponseUrlPost[] = [];
  const responses = slack.responses;
  const push = responses.push.bind(responses);
  responses.push = (...posts: ResponseUrlPost[]): number => {
    const at = performance.now();
    for (const post of posts) {
      const resolve = waiting.get(post.id);
      if (resolve) {
        waiting.delete(post.id);
        resolve({ post, at });
      } else {
        unexpected.push(post);
      }
    }
    // A long run would otherwise keep every reply body alive until the end.
    if (responses.length >= 1000) responses.length = 0;
    return push(...posts);
  };
  return {
    unexpected,
    forget(id) {
      waiting.get(id)?.(null);
      waiting.delete(id);
    },
    next(id, timeoutMs) {
      return new Promise<ArrivedReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no reply for ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          if (reply) resolve(reply);
          else reject(new Error(`stopped waiting for ${id}`));
        });
      });
    },
  };
}
