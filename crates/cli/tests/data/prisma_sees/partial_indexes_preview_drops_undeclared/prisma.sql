-- DropIndex
DROP INDEX "Subscription_one_active_per_account";

