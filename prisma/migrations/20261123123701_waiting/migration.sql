-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "waiting_on" TEXT,
ADD COLUMN     "waiting_since" TIMESTAMPTZ(3);
