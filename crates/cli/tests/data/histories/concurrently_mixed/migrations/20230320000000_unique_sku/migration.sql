-- Build the indexes without blocking writes to busy tables, but do not queue behind long locks.
SET lock_timeout = '5s';

-- CreateIndex
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Product_sku_key" ON "Product"("sku");

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "archived" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX CONCURRENTLY "Order_productId_createdAt_idx" ON "Order"("productId", "createdAt");

RESET lock_timeout;
