SELECT indisvalid FROM pg_index WHERE indexrelid = '"Note_title_idx"'::regclass
SELECT count(*) = 4 FROM "Tag"
SELECT count(*) = 1 FROM "Tag" WHERE "name" = E'back\\slash\'; done'
SELECT "note_slug"('Hello, World') = 'hello-world'
SELECT count(*) = 1 FROM pg_trigger WHERE tgname = 'Note_set_updated_at'
