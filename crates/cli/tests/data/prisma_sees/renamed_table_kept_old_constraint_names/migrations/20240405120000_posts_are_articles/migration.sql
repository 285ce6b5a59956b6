-- Posts are articles now. Renamed by hand so the rows stay; the indexes and the foreign key keep
-- their old names.
ALTER TABLE "Post" RENAME TO "Article";
ALTER TABLE "Article" RENAME CONSTRAINT "Post_pkey" TO "Article_pkey";
ALTER SEQUENCE "Post_id_seq" RENAME TO "Article_id_seq";
