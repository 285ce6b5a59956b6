/*
  Warnings:

  - You are about to alter the column `code` on the `Parent` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `VARCHAR(20)`.
  - The primary key for the `Child` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - You are about to alter the column `parentCode` on the `Child` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `VARCHAR(20)`.
  - A unique constraint covering the columns `[id]` on the table `Child` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[email]` on the table `Child` will be added. If there are existing duplicate values, this will fail.

*/
-- SetLockTimeout
SET lock_timeout = '5s';

-- DropForeignKey
ALTER TABLE "Child" DROP CONSTRAINT "Child_parentCode_fkey";

-- DropIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Parent_slug_idx";

-- RenameIndex
ALTER INDEX "Parent_code_key" RENAME TO "parent_code_unique";

-- AlterTable
ALTER TABLE "Parent" ALTER COLUMN "code" SET DATA TYPE VARCHAR(20) USING ("code"::VARCHAR(20));

-- AlterTable
ALTER TABLE "Child" DROP CONSTRAINT "Child_pkey",
ALTER COLUMN "parentCode" SET DATA TYPE VARCHAR(20) USING ("parentCode"::VARCHAR(20));

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Parent_slug_idx";
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Parent_slug_idx" ON "Parent"("slug" DESC) WHERE slug <> '';

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Parent_code_idx";
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Parent_code_idx" ON "Parent" USING HASH ("code");

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Child_pkey";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Child_pkey" ON "Child"("parentCode");

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Child_id_key";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Child_id_key" ON "Child"("id");

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Child_email_key";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Child_email_key" ON "Child"("email");

-- AddPrimaryKey
ALTER TABLE "Child" ADD CONSTRAINT "Child_pkey" PRIMARY KEY USING INDEX "Child_pkey";

-- AddForeignKey
ALTER TABLE "Child" ADD CONSTRAINT "Child_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Parent"("code") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- ValidateConstraint
-- refract:own-transaction
ALTER TABLE "Child" VALIDATE CONSTRAINT "Child_parentCode_fkey";
