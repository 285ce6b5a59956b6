-- Sign-in looks users up by lower(email); Prisma cannot declare an expression index.
CREATE INDEX "User_email_lower_idx" ON "User" (lower("email"));
