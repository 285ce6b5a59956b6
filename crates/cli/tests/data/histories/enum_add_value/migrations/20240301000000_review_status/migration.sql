-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Status" ADD VALUE 'REVIEW' BEFORE 'PUBLISHED';
ALTER TYPE "Status" ADD VALUE 'ARCHIVED';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ALTER COLUMN "status" SET DEFAULT 'REVIEW';

-- Backfill
INSERT INTO "Article" ("title", "status", "archivedAt", "authorId")
SELECT 'Launch notes', 'ARCHIVED', now(), "id" FROM "User" WHERE "email" = 'admin@example.com';
