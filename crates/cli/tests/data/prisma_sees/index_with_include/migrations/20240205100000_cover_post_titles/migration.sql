-- The author page lists titles only: cover them in the index so it is an index-only scan.
DROP INDEX "Post_authorId_idx";
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId") INCLUDE ("title");
