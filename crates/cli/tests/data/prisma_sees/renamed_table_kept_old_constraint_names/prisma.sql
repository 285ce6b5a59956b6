-- RenameForeignKey
ALTER TABLE "Article" RENAME CONSTRAINT "Post_authorId_fkey" TO "Article_authorId_fkey";

-- RenameIndex
ALTER INDEX "Post_authorId_idx" RENAME TO "Article_authorId_idx";

-- RenameIndex
ALTER INDEX "Post_createdAt_idx" RENAME TO "Article_createdAt_idx";

