-- Written by hand: Prisma cannot declare extensions without a preview feature we do not use.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Case-insensitive e-mails; the unique index follows the column.
ALTER TABLE "Account" ALTER COLUMN "email" TYPE CITEXT;

-- Fuzzy search on names.
CREATE INDEX "Account_name_idx" ON "Account" USING GIN ("name" gin_trgm_ops);
