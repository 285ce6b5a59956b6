/*
  Warnings:

  - You are about to alter the column `code` on the `Parent` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `VARCHAR(20)`.
  - The primary key for the `Child` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - You are about to alter the column `parentCode` on the `Child` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `VARCHAR(20)`.
  - A unique constraint covering the columns `[id]` on the table `Child` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[email]` on the table `Child` will be added. If there are existing duplicate values, this will fail.

*/
-- DropForeignKey
ALTER TABLE "Child" DROP CONSTRAINT "Child_parentCode_fkey";

-- DropIndex
DROP INDEX "Parent_slug_idx";

-- RenameIndex
ALTER INDEX "Parent_code_key" RENAME TO "parent_code_unique";

-- AlterTable
ALTER TABLE "Parent" ALTER COLUMN "code" SET DATA TYPE VARCHAR(20) USING ("code"::VARCHAR(20));

-- AlterTable
ALTER TABLE "Child" DROP CONSTRAINT "Child_pkey",
ALTER COLUMN "parentCode" SET DATA TYPE VARCHAR(20) USING ("parentCode"::VARCHAR(20)),
ADD CONSTRAINT "Child_pkey" PRIMARY KEY ("parentCode");

-- CreateIndex
CREATE INDEX "Parent_slug_idx" ON "Parent"("slug" DESC) WHERE slug <> '';

-- CreateIndex
CREATE INDEX "Parent_code_idx" ON "Parent" USING HASH ("code");

-- CreateIndex
CREATE UNIQUE INDEX "Child_id_key" ON "Child"("id");

-- CreateIndex
CREATE UNIQUE INDEX "Child_email_key" ON "Child"("email");

-- AddForeignKey
ALTER TABLE "Child" ADD CONSTRAINT "Child_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "Parent"("code") ON DELETE CASCADE ON UPDATE CASCADE;
