-- Keep "updatedAt" current for writes that bypass Prisma; see docs/db.md; not Prisma's job.
/* A block comment; with a semicolon;
   /* and a nested one; too */ still inside. CREATE INDEX CONCURRENTLY x ON y(z); */
CREATE OR REPLACE FUNCTION "set_updated_at"() RETURNS TRIGGER AS $$
BEGIN
    NEW."updatedAt" = now(); -- a comment; inside the body
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Wire it up; one trigger per table;
CREATE TRIGGER "Note_set_updated_at" BEFORE UPDATE ON "Note"
    FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

-- Seed rows whose text holds semicolons and quotes; VACUUM afterwards? no.
INSERT INTO "Tag" ("name") VALUES ('semi;colon'), ('it''s; quoted'), (E'back\\slash\'; done');
