-- DropIndex
DROP INDEX "Member_workspaceId_invitedAt_idx";

-- DropIndex
DROP INDEX "Member_workspaceId_email_key";

-- CreateIndex
CREATE INDEX "Member_workspaceId_invitedAt_idx" ON "Member"("workspaceId", "invitedAt" DESC) WHERE ("deletedAt" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "Member_workspaceId_email_key" ON "Member"("workspaceId", "email") WHERE ("deletedAt" IS NULL);
