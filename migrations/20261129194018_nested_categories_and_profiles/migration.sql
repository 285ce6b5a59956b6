-- AlterTable
ALTER TABLE "categories" ADD COLUMN     "parent_id" INTEGER;

-- CreateTable
CREATE TABLE "customer_profiles" (
    "customer_id" UUID NOT NULL,
    "bio" TEXT,
    "website" TEXT,

    CONSTRAINT "customer_profiles_pkey" PRIMARY KEY ("customer_id")
);

-- AddForeignKey
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_profiles" ADD CONSTRAINT "customer_profiles_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
