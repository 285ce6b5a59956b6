-- Search by title, built without locking writes;
-- CONCURRENTLY, so this file cannot run as one transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Note_title_idx" ON "Note"("title");

CREATE FUNCTION "note_slug"("title" TEXT) RETURNS TEXT AS $slug$
    SELECT lower(regexp_replace("title", '[^a-zA-Z0-9]+', '-', 'g')); -- ; in a comment
$slug$ LANGUAGE sql IMMUTABLE;

DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM "Tag" WHERE "name" = 'pinned;') THEN
        INSERT INTO "Tag" ("name") VALUES ('pinned;');
    END IF;
END
$do$;
