-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'ADMIN';

-- Seed the first administrator
INSERT INTO "User" ("email", "role") VALUES ('admin@example.com', 'ADMIN');
INSERT INTO "User" ("email", "role") VALUES ('editor@example.com', 'EDITOR');
