-- DropIndex
DROP INDEX CONCURRENTLY "Account_createdAt_idx";
