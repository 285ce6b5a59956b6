SELECT to_regclass('"Account_handle_idx"') IS NULL AND to_regclass('"Account_createdAt_idx"') IS NULL
SELECT indisvalid AND indisunique FROM pg_index WHERE indexrelid = '"Account_handle_key"'::regclass
