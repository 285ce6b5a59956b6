SELECT indisvalid FROM pg_index WHERE indexrelid = '"Post_authorId_idx"'::regclass
SELECT indisvalid FROM pg_index WHERE indexrelid = '"Post_published_publishedAt_idx"'::regclass
