SELECT indisvalid FROM pg_index WHERE indexrelid = '"Order_customerEmail_idx"'::regclass
SELECT indisvalid AND indisunique FROM pg_index WHERE indexrelid = '"Product_sku_key"'::regclass
SELECT indisvalid FROM pg_index WHERE indexrelid = '"Order_productId_createdAt_idx"'::regclass
