-- SetLockTimeout
SET lock_timeout = '5s';

-- AlterEnum
-- refract:own-transaction
ALTER TYPE "Tier" ADD VALUE IF NOT EXISTS 'PRO';

-- AlterEnum
-- refract:own-transaction
ALTER TYPE "Tier" ADD VALUE IF NOT EXISTS 'TEAM';

-- AlterEnum
ALTER TYPE "Tier" ADD VALUE 'ENTERPRISE';

-- AlterTable
ALTER TABLE "Account" ALTER COLUMN "tier" SET DEFAULT 'PRO',
ALTER COLUMN "tiers" SET DEFAULT ARRAY['FREE', 'TEAM']::"Tier"[];
