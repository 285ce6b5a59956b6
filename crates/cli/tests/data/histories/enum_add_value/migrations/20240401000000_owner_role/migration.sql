-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'OWNER';

-- Editors become the newest, highest role (whatever it is called)
UPDATE "User" SET "role" = (enum_range(NULL::"Role"))[array_length(enum_range(NULL::"Role"), 1)] WHERE "role" = 'EDITOR';
