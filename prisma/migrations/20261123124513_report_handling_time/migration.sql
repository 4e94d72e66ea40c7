-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "handling_seconds" INTEGER;

-- CreateIndex
CREATE INDEX "complaint_closed_at_idx" ON "complaint"("closed_at");
