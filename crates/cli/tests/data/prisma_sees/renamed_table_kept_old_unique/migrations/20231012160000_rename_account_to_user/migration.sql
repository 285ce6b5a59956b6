-- Accounts are users now. Renamed by hand so the rows stay.
ALTER TABLE "Account" RENAME TO "User";
ALTER TABLE "User" RENAME CONSTRAINT "Account_pkey" TO "User_pkey";
ALTER SEQUENCE "Account_id_seq" RENAME TO "User_id_seq";
