-- CreateIndex
CREATE INDEX CONCURRENTLY "Member_teamId_idx" ON "Member"("teamId");
