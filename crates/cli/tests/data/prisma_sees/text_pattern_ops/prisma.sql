-- DropIndex
DROP INDEX "Article_slug_idx";

-- CreateIndex
CREATE INDEX "Article_slug_idx" ON "Article"("slug" text_pattern_ops);

