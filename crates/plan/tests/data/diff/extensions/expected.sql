/*
  Warnings:

  - Added the required column `email` to the `Person` table without a default value. This is not possible if the table is not empty.

*/
-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "email" CITEXT NOT NULL;

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person" USING GIN ("name" gin_trgm_ops);
