SELECT indisvalid FROM pg_index WHERE indexrelid = '"Member_teamId_idx"'::regclass
