-- CreateTable
CREATE TABLE "chat_message" (
    "platform" TEXT NOT NULL,
    "complaint_id" UUID NOT NULL,
    "channel_ref" TEXT NOT NULL,
    "message_ref" TEXT NOT NULL,
    "thread_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_message_pkey" PRIMARY KEY ("platform","complaint_id")
);

-- CreateTable
CREATE TABLE "inbound_key" (
    "key" TEXT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_key_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "chat_message_platform_channel_ref_message_ref_idx" ON "chat_message"("platform", "channel_ref", "message_ref");

-- CreateIndex
CREATE INDEX "inbound_key_created_at_idx" ON "inbound_key"("created_at");
