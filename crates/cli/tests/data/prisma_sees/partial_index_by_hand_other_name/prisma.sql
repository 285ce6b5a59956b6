-- RenameIndex
ALTER INDEX "Post_live_by_author_idx" RENAME TO "Post_authorId_createdAt_idx";

