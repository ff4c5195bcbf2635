-- "All tenants" becomes an explicit flag of a user; a reviewer with no user_tenants rows
-- and no flag sees nothing (before: everything).
alter table users add column all_tenants boolean not null default false;
