-- A deleted user's email may sign up again: only live users need a unique email.
-- Prisma cannot declare this, so the schema keeps `@unique`.
DROP INDEX "User_email_key";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email") WHERE "deletedAt" IS NULL;
