-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "email" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "staff_email_key" ON "staff"("email");
