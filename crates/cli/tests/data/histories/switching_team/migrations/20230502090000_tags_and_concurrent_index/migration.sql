-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "tags" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "Invoice" ADD COLUMN     "lines" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- The invoice table is big in production: build this one without blocking writes.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Invoice_accountId_issuedAt_idx" ON "Invoice"("accountId", "issuedAt");
