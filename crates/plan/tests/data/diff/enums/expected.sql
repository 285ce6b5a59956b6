/*
  Warnings:

  - The values [L] on the enum `Size` will be removed. If these variants are still used in the database, this will fail.
  - You are about to alter the column `shape` on the `Item` table. The data in that column could be lost. The data in that column will be cast from `"Shape"` to `TEXT`.
  - You are about to alter the column `label` on the `Item` table. The data in that column could be lost. The data in that column will be cast from `TEXT` to `"Shape"`.

*/
-- AlterEnum
CREATE TYPE "Size_new" AS ENUM ('S', 'M', 'XL');
ALTER TABLE "Item" ALTER COLUMN "size" DROP DEFAULT;
ALTER TABLE "Item" ALTER COLUMN "sizes" DROP DEFAULT;
ALTER TABLE "Item" ALTER COLUMN "size" TYPE "Size_new" USING ("size"::text::"Size_new");
ALTER TABLE "Item" ALTER COLUMN "sizes" TYPE "Size_new"[] USING ("sizes"::text[]::"Size_new"[]);
ALTER TABLE "Item" ALTER COLUMN "maybe" TYPE "Size_new" USING ("maybe"::text::"Size_new");
ALTER TYPE "Size" RENAME TO "Size_old";
ALTER TYPE "Size_new" RENAME TO "Size";
DROP TYPE "Size_old";
ALTER TABLE "Item" ALTER COLUMN "size" SET DEFAULT 'S';
ALTER TABLE "Item" ALTER COLUMN "sizes" SET DEFAULT ARRAY['S']::"Size"[];

-- AlterEnum
ALTER TYPE "Shape" ADD VALUE 'TRIANGLE' BEFORE 'ROUND';

-- AlterEnum
ALTER TYPE "Shape" ADD VALUE 'OVAL';

-- AlterEnum
-- refract:own-transaction
ALTER TYPE "Tone" ADD VALUE IF NOT EXISTS 'MID' BEFORE 'LOW';

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "shape" SET DATA TYPE TEXT USING ("shape"::text::TEXT),
ALTER COLUMN "label" DROP DEFAULT,
ALTER COLUMN "label" SET DATA TYPE "Shape" USING ("label"::"Shape"),
ALTER COLUMN "label" SET DEFAULT 'ROUND',
ALTER COLUMN "tone" SET DEFAULT 'MID';
