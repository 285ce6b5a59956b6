-- SetLockTimeout
SET lock_timeout = '5s';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "receipt" TEXT;
