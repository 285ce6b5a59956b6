-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "citext";

-- CreateEnum
CREATE TYPE "mood_kind" AS ENUM ('happy', 'SAD');

-- CreateTable
CREATE TABLE "posts" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(200) NOT NULL DEFAULT 'it''s',
    "aVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLong" TEXT NOT NULL,
    "anotherVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLong" TEXT NOT NULL,
    "score" REAL NOT NULL DEFAULT 1.5,
    "small" SMALLINT NOT NULL,
    "counter" BIGSERIAL NOT NULL,
    "ratio" DECIMAL(10,2) NOT NULL,
    "raw" DECIMAL(65,30) NOT NULL,
    "money" MONEY,
    "data" JSONB,
    "blob" BYTEA,
    "plainJson" JSON,
    "day" DATE,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "t" TIME(2),
    "ip" INET,
    "email" CITEXT,
    "code" CHAR(2),
    "bits" BIT(3),
    "nums" INTEGER[],
    "words" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
    "mood" "mood_kind" NOT NULL DEFAULT 'happy',
    "moods" "mood_kind"[],
    "oid" OID,
    "xml" XML,
    "geo" circle,
    "authorId" UUID NOT NULL,
    "editorId" UUID,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "name" TEXT NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "handle" TEXT NOT NULL,
    "mentorId" UUID,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Profile" (
    "userId" UUID NOT NULL,
    "kind" INTEGER NOT NULL,
    "bio" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "profile_pk" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "Très_Long_Nom_De_Modèle_Avec_Accents_Pour_Tester_La_Coupure_UTF8" (
    "id" INTEGER NOT NULL,
    "valeur" INTEGER NOT NULL,

    CONSTRAINT "Très_Long_Nom_De_Modèle_Avec_Accents_Pour_Tester_La_Coup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_PostToTag" (
    "A" INTEGER NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_PostCategories" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_PostCategories_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateTable
CREATE TABLE "_friends" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_friends_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "posts_title_idx" ON "posts" USING HASH ("title" text_pattern_ops);

-- CreateIndex
CREATE INDEX "post_data_gin" ON "posts" USING GIN ("data" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "legacy_named_index" ON "posts"("small" DESC, "ratio");

-- CreateIndex
CREATE UNIQUE INDEX "posts_aVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryL_key" ON "posts"("aVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLong", "anotherVeryLongColumnNameThatIsReallyVeryLongIndeedYesVeryLong");

-- CreateIndex
CREATE UNIQUE INDEX "user_handle_unique" ON "User"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "User_mentorId_key" ON "User"("mentorId");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_userId_key" ON "Profile"("userId");

-- CreateIndex
CREATE INDEX "Très_Long_Nom_De_Modèle_Avec_Accents_Pour_Tester_La_Coupu_idx" ON "Très_Long_Nom_De_Modèle_Avec_Accents_Pour_Tester_La_Coupure_UTF8"("valeur");

-- CreateIndex
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");

-- CreateIndex
CREATE INDEX "_PostCategories_B_index" ON "_PostCategories"("B");

-- CreateIndex
CREATE INDEX "_friends_B_index" ON "_friends"("B");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostCategories" ADD CONSTRAINT "_PostCategories_A_fkey" FOREIGN KEY ("A") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostCategories" ADD CONSTRAINT "_PostCategories_B_fkey" FOREIGN KEY ("B") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_friends" ADD CONSTRAINT "_friends_A_fkey" FOREIGN KEY ("A") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_friends" ADD CONSTRAINT "_friends_B_fkey" FOREIGN KEY ("B") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

