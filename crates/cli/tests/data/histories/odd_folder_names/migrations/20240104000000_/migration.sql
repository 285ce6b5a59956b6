-- CreateIndex
CREATE INDEX "Member_name_idx" ON "Member"("name");
