/*
  Warnings:

  - Added the required column `email` to the `Person` table without a default value. This is not possible if the table is not empty.

*/
-- SetLockTimeout
SET lock_timeout = '5s';

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "email" CITEXT NOT NULL;

-- CreateIndex
-- refract:outside-transaction
DROP INDEX CONCURRENTLY IF EXISTS "Person_name_idx";
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Person_name_idx" ON "Person" USING GIN ("name" gin_trgm_ops);
