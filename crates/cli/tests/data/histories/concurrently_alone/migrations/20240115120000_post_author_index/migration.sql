-- CreateIndex
CREATE INDEX CONCURRENTLY "Post_authorId_idx" ON "Post"("authorId");
