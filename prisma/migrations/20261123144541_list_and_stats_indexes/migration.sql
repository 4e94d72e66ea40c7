-- CreateIndex
CREATE INDEX "complaint_callback_at_idx" ON "complaint"("callback_at");

-- CreateIndex
CREATE INDEX "complaint_deadline_met_at_due_at_idx" ON "complaint_deadline"("met_at", "due_at");
