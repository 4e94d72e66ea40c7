-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "capa" TEXT,
ADD COLUMN     "customer_contacted" BOOLEAN,
ADD COLUMN     "customer_satisfied" BOOLEAN,
ADD COLUMN     "delay_reason" TEXT,
ADD COLUMN     "escalation_level" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fault" TEXT,
ADD COLUMN     "first_contact_at" TIMESTAMPTZ(3),
ADD COLUMN     "fully_resolved" BOOLEAN,
ADD COLUMN     "handler_id" TEXT,
ADD COLUMN     "handler_phone" TEXT,
ADD COLUMN     "issue_key" TEXT,
ADD COLUMN     "justified" BOOLEAN,
ADD COLUMN     "major_at" TIMESTAMPTZ(3),
ADD COLUMN     "major_reason" TEXT,
ADD COLUMN     "promised_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolution_cause" TEXT,
ADD COLUMN     "responsible_dept_id" TEXT,
ADD COLUMN     "unreachable_at" TIMESTAMPTZ(3),
ADD COLUMN     "valid" BOOLEAN;

-- CreateTable
CREATE TABLE "contact_attempt" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" UUID NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reached" BOOLEAN NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_deadline" (
    "complaint_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "clock" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "met_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "remaining_ms" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "complaint_deadline_pkey" PRIMARY KEY ("complaint_id","kind")
);

-- CreateTable
CREATE TABLE "compensation" (
    "id" TEXT NOT NULL,
    "complaint_id" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "loss" DECIMAL(14,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "approver_role" TEXT NOT NULL,
    "approver_id" TEXT,
    "status" TEXT NOT NULL,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compensation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "responsibility" (
    "complaint_id" UUID NOT NULL,
    "department_id" TEXT NOT NULL,
    "share" INTEGER NOT NULL,
    "person_id" TEXT,

    CONSTRAINT "responsibility_pkey" PRIMARY KEY ("complaint_id","department_id")
);

-- CreateTable
CREATE TABLE "dnc_entry" (
    "contact" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "added_by_id" TEXT NOT NULL,
    "complaint_id" UUID,
    "added_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dnc_entry_pkey" PRIMARY KEY ("contact")
);

-- CreateIndex
CREATE INDEX "contact_attempt_complaint_id_at_idx" ON "contact_attempt"("complaint_id", "at");

-- CreateIndex
CREATE INDEX "complaint_deadline_due_at_idx" ON "complaint_deadline"("due_at");

-- CreateIndex
CREATE INDEX "compensation_complaint_id_idx" ON "compensation"("complaint_id");

-- CreateIndex
CREATE INDEX "compensation_approver_id_status_idx" ON "compensation"("approver_id", "status");

-- CreateIndex
CREATE INDEX "responsibility_department_id_idx" ON "responsibility"("department_id");

-- CreateIndex
CREATE INDEX "complaint_issue_key_received_at_idx" ON "complaint"("issue_key", "received_at");

-- AddForeignKey
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_deadline" ADD CONSTRAINT "complaint_deadline_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compensation" ADD CONSTRAINT "compensation_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responsibility" ADD CONSTRAINT "responsibility_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
