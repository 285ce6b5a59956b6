/*
  Warnings:

  - You are about to drop the `Gone` table. If the table is not empty, all the data it contains will be lost.
  - Made the column `n` on table `A` required. If there are existing NULL values, this will fail.
  - You are about to alter the column `t` on the `A` table. The data in that column could be lost. The data in that column will be cast from `VARCHAR(10)` to `VARCHAR(5)`.
  - You are about to alter the column `s` on the `A` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `INTEGER`.
  - The `arr` column on the `A` table would be dropped and recreated. This will lead to data loss.
  - Added the required column `arr` to the `A` table without a default value. This is not possible if the table is not empty.
  - You are about to alter the column `d` on the `A` table. The data in that column could be lost. The data in that column will be cast from `DECIMAL(65,30)` to `DECIMAL(10,2)`.
  - A unique constraint covering the columns `[s,n]` on the table `A` will be added. If there are existing duplicate values, this will fail.
  - The primary key for the `B` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- SetLockTimeout
SET lock_timeout = '5s';

-- AlterEnum
ALTER TYPE "Color" ADD VALUE 'BLUE' BEFORE 'GREEN';

-- DropForeignKey
ALTER TABLE "B" DROP CONSTRAINT "B_aId_fkey";

-- DropIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "A_s_key";

-- RenameIndex
ALTER INDEX "A_name_idx" RENAME TO "renamed_idx";

-- AlterTable
CREATE SEQUENCE "A_big_seq" AS BIGINT;
ALTER TABLE "A" ALTER COLUMN "id" DROP DEFAULT,
ALTER COLUMN "name" DROP NOT NULL,
ALTER COLUMN "name" SET DEFAULT 'x',
ALTER COLUMN "t" SET DATA TYPE VARCHAR(5) USING ("t"::VARCHAR(5)),
ALTER COLUMN "s" SET DATA TYPE INTEGER USING ("s"::INTEGER),
ALTER COLUMN "c" SET DEFAULT 'GREEN',
ALTER COLUMN "big" SET DATA TYPE BIGINT,
ALTER COLUMN "big" SET DEFAULT nextval('"A_big_seq"'::regclass),
DROP COLUMN "arr",
ADD COLUMN     "arr" INTEGER NOT NULL,
ALTER COLUMN "d" SET DATA TYPE DECIMAL(10,2) USING ("d"::DECIMAL(10,2));
DROP SEQUENCE "A_id_seq";
ALTER SEQUENCE "A_big_seq" OWNED BY "A"."big";

-- AlterTable
CREATE SEQUENCE "B_id_seq" AS INTEGER;
ALTER TABLE "B" DROP CONSTRAINT "B_pkey",
ALTER COLUMN "id" SET DEFAULT nextval('"B_id_seq"'::regclass);
ALTER SEQUENCE "B_id_seq" OWNED BY "B"."id";

-- DropTable
DROP TABLE "Gone";

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "A_s_n_key";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "A_s_n_key" ON "A"("s", "n");

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "B_pkey";
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "B_pkey" ON "B"("id", "x");

-- AddPrimaryKey
ALTER TABLE "B" ADD CONSTRAINT "B_pkey" PRIMARY KEY USING INDEX "B_pkey";

-- AddForeignKey
ALTER TABLE "B" ADD CONSTRAINT "B_aId_fkey" FOREIGN KEY ("aId") REFERENCES "A"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

-- AddCheckConstraint
ALTER TABLE "A" ADD CONSTRAINT "A_n_not_null" CHECK ("n" IS NOT NULL) NOT VALID;

-- ValidateConstraint
-- refract:own-transaction
ALTER TABLE "A" VALIDATE CONSTRAINT "A_n_not_null";

-- ValidateConstraint
-- refract:own-transaction
ALTER TABLE "B" VALIDATE CONSTRAINT "B_aId_fkey";

-- SetNotNull
ALTER TABLE "A" ALTER COLUMN "n" SET NOT NULL;
ALTER TABLE "A" DROP CONSTRAINT "A_n_not_null";
