SELECT count(*) = 1 FROM "User" WHERE "role" = 'ADMIN' AND "email" = 'admin@example.com'
SELECT count(*) = 1 FROM "User" WHERE "role" = 'OWNER' AND "email" = 'editor@example.com'
SELECT count(*) = 1 FROM "Article" WHERE "status" = 'ARCHIVED' AND "archivedAt" IS NOT NULL
SELECT column_default LIKE '%REVIEW%' FROM information_schema.columns WHERE table_name = 'Article' AND column_name = 'status'
SELECT enum_range(NULL::"Role")::text = '{USER,EDITOR,ADMIN,GUEST,OWNER}'
