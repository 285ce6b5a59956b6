-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "customerEmail" TEXT;

-- CreateIndex
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Order_customerEmail_idx" ON "Order"("customerEmail");
