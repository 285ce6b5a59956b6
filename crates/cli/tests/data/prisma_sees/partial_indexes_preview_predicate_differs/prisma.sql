-- DropIndex
DROP INDEX "Member_workspaceId_invitedAt_idx";

-- CreateIndex
CREATE INDEX "Member_workspaceId_invitedAt_idx" ON "Member"("workspaceId", "invitedAt" DESC) WHERE ("acceptedAt" IS NULL);

