SELECT indisvalid FROM pg_index WHERE indexrelid = '"Invoice_accountId_issuedAt_idx"'::regclass
SELECT count(*) = 2 FROM pg_constraint WHERE contype = 'c' AND conrelid IN ('"Invoice"'::regclass, '"Account"'::regclass)
SELECT count(*) = 3 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'Role'
SELECT format_type(atttypid, atttypmod) = 'citext' FROM pg_attribute WHERE attrelid = '"Account"'::regclass AND attname = 'email'
