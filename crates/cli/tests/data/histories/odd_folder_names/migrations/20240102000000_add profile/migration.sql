-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "bio" TEXT;
