-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "receipt" TEXT;
