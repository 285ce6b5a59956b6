-- SetLockTimeout
SET lock_timeout = '5s';

-- AlterTable
ALTER TABLE "Thing" ADD COLUMN     "more" TEXT;

-- CreateTable
CREATE TABLE "Other" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Other_pkey" PRIMARY KEY ("id")
);

-- Comment
COMMENT ON TYPE "Kind" IS NULL;

-- Comment
COMMENT ON TABLE "Thing" IS 'A thing, with ''quotes''.';

-- Comment
COMMENT ON COLUMN "Thing"."name" IS NULL;

-- Comment
COMMENT ON COLUMN "Thing"."note" IS 'Free text.';

-- Comment
COMMENT ON COLUMN "Thing"."more" IS 'Added with its comment.';

-- Comment
COMMENT ON TABLE "Other" IS 'A new table with comments.';

-- Comment
COMMENT ON COLUMN "Other"."id" IS 'The key.';
