-- DropIndex
DROP INDEX CONCURRENTLY IF EXISTS "Account_handle_idx";

-- CreateIndex
CREATE UNIQUE INDEX CONCURRENTLY "Account_handle_key" ON "Account"("handle");
