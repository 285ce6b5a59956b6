-- Business rules Prisma cannot express; kept here by hand.
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_amount_positive" CHECK ("amountCents" > 0);
ALTER TABLE "Account" ADD CONSTRAINT account_email_has_at CHECK (position('@' in email) > 1);
