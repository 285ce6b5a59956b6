-- AlterEnum
BEGIN;
CREATE TYPE "AuthProvider_new" AS ENUM ('EMAIL', 'GOOGLE', 'APPLE');
ALTER TABLE "users" ALTER COLUMN "auth_provider" DROP DEFAULT;
ALTER TABLE "users" ALTER COLUMN "auth_provider" TYPE "AuthProvider_new" USING ("auth_provider"::text::"AuthProvider_new");
ALTER TYPE "AuthProvider" RENAME TO "AuthProvider_old";
ALTER TYPE "AuthProvider_new" RENAME TO "AuthProvider";
DROP TYPE "AuthProvider_old";
ALTER TABLE "users" ALTER COLUMN "auth_provider" SET DEFAULT 'EMAIL';
COMMIT;

-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'EXPIRED';

-- DropIndex
DROP INDEX "accounts_user_id_name_key";

-- DropIndex
DROP INDEX "orders_instrument_id_idx";

-- DropIndex
DROP INDEX "orders_status_idx";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "phone" TEXT;

-- AlterTable
ALTER TABLE "accounts" DROP COLUMN "name",
ADD COLUMN     "display_name" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "instruments" ALTER COLUMN "symbol" SET DATA TYPE VARCHAR(32);

-- AlterTable
ALTER TABLE "executions" ADD COLUMN     "fee" DECIMAL(18,4) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "audit_logs" DROP COLUMN "before";

-- CreateTable
CREATE TABLE "watchlist_items" (
    "user_id" UUID NOT NULL,
    "instrument_id" INTEGER NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_items_pkey" PRIMARY KEY ("user_id","instrument_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_id_display_name_key" ON "accounts"("user_id", "display_name");

-- CreateIndex
CREATE INDEX "orders_status_created_at_idx" ON "orders"("status", "created_at");

-- AddForeignKey
ALTER TABLE "watchlist_items" ADD CONSTRAINT "watchlist_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist_items" ADD CONSTRAINT "watchlist_items_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "instruments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

