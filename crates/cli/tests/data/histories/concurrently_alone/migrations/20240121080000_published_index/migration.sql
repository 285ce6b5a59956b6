-- CreateIndex
CREATE INDEX CONCURRENTLY "Post_published_publishedAt_idx" ON "Post"("published", "publishedAt" DESC);
