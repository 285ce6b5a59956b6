-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'SUPPORT';

-- Staff accounts become support accounts (uses the new value in the same file).
UPDATE "Account" SET "role" = 'SUPPORT' WHERE "email" LIKE '%@support.example.com';

-- AlterTable
ALTER TABLE "Account" ADD COLUMN "bio" TEXT;
COMMENT ON COLUMN "Account"."bio" IS 'Shown on the profile page';
