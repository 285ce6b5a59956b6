-- An account may have many subscriptions over time, but only one active at once.
CREATE UNIQUE INDEX "Subscription_one_active_per_account" ON "Subscription"("accountId") WHERE "active";
