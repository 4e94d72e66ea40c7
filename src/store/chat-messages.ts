import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/** The chat message that stands for a complaint on one platform, and its thread. */
export interface ChatMessageRef {
  channelRef: string;
  messageRef: string;
  threadRef: string | null;
}

/**
 * Per-complaint chat messages, addressed by complaint number: adapters know
 * numbers, never the complaint's internal id.
 */
export function chatMessageStore(prisma: PrismaClient) {
  const complaintId = async (number: string): Promise<string | null> =>
    (await prisma.complaint.findUnique({ where: { number }, select: { id: true } }))?.id ?? null;
  return {
    async get(platform: string, number: string): Promise<ChatMessageRef | null> {
      const id = await complaintId(number);
      const row = id
        ? await prisma.chatMessage.findUnique({
            where: { platform_complaintId: { platform, complaintId: id } },
          })
        : null;
      return row
        ? { channelRef: row.channelRef, messageRef: row.messageRef, threadRef: row.threadRef }
        : null;
    },
    /** Records (or moves) the message; false when there is no such complaint. */
    async put(platform: string, number: string, ref: ChatMessageRef): Promise<boolean> {
      const id = await complaintId(number);
      if (!id) return false;
      await prisma.chatMessage.upsert({
        where: { platform_complaintId: { platform, complaintId: id } },
        create: { platform, complaintId: id, ...ref },
        update: { ...ref },
      });
      return true;
    },
  };
}

/**
 * Keys of inbound requests already handled. `once` is an INSERT … ON CONFLICT
 * DO NOTHING, so two deliveries racing each other cannot both win.
 */
export function inboundKeyStore(prisma: PrismaClient) {
  return {
    async once(key: string): Promise<boolean> {
      const { count } = await prisma.inboundKey.createMany({
        data: [{ key, result: { done: true } }],
        skipDuplicates: true,
      });
      return count === 1;
    },
    /**
     * Takes a key for work that may fail half-way (a delivery): true when the
     * key is new, or when an earlier claim was never completed and is older
     * than `staleAfterMs` (its owner died). complete() or forget() ends it.
     */
    async claim(key: string, staleAfterMs: number): Promise<boolean> {
      const { count } = await prisma.inboundKey.createMany({
        data: [{ key }],
        skipDuplicates: true,
      });
      if (count === 1) return true;
      const taken = await prisma.$executeRaw`
        UPDATE inbound_key SET created_at = now()
        WHERE key = ${key} AND result IS NULL
          AND created_at < now() - make_interval(secs => ${staleAfterMs / 1000})`;
      return taken === 1;
    },
    async complete(key: string): Promise<void> {
      await prisma.inboundKey.updateMany({ where: { key }, data: { result: { done: true } } });
    },
    async forget(key: string): Promise<void> {
      await prisma.inboundKey.deleteMany({ where: { key } });
    },
    async prune(olderThan: Date): Promise<number> {
      const { count } = await prisma.inboundKey.deleteMany({
        where: { createdAt: { lt: olderThan } },
      });
      return count;
    },
  };
}

/** OAuth install records of chat apps, as the platform SDK shapes them. */
export function chatInstallationStore(prisma: PrismaClient) {
  return {
    async save(platform: string, key: string, data: unknown): Promise<void> {
      const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue;
      await prisma.chatInstallation.upsert({
        where: { platform_key: { platform, key } },
        create: { platform, key, data: json },
        update: { data: json },
      });
    },
    async find(platform: string, key: string): Promise<unknown> {
      const row = await prisma.chatInstallation.findUnique({
        where: { platform_key: { platform, key } },
      });
      return row ? row.data : null;
    },
    async delete(platform: string, key: string): Promise<void> {
      await prisma.chatInstallation.deleteMany({ where: { platform, key } });
    },
    async keys(platform: string): Promise<string[]> {
      const rows = await prisma.chatInstallation.findMany({
        where: { platform },
        select: { key: true },
        orderBy: { key: "asc" },
      });
      return rows.map((r) => r.key);
    },
  };
}
