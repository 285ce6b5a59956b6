-- The author feed only ever reads live posts: keep deleted ones out of the index.
DROP INDEX "Post_authorId_createdAt_idx";
CREATE INDEX "Post_live_by_author_idx" ON "Post"("authorId", "createdAt" DESC) WHERE "deletedAt" IS NULL;
