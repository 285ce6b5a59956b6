-- Written by hand before the partialIndexes preview feature existed: soft-deleted members and
-- blank emails leave both indexes. Now the schema declares the same predicates.
DROP INDEX "Member_workspaceId_invitedAt_idx";
DROP INDEX "Member_workspaceId_email_key";
CREATE INDEX "Member_workspaceId_invitedAt_idx" ON "Member"("workspaceId", "invitedAt" DESC) WHERE "deletedAt" is null;
CREATE UNIQUE INDEX "Member_workspaceId_email_key" ON "Member"("workspaceId", "email") WHERE "deletedAt" IS NULL AND email <> '';
