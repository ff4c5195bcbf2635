-- Image libraries: PDQ hashes (not the images) and a per-library match distance.
alter table libraries add column max_distance smallint check (max_distance between 0 and 255);
update libraries set max_distance = 31 where kind = 'IMAGE';

create table image_library_entries (
    id         bigserial primary key,
    library_id bigint      not null references libraries (id) on delete cascade,
    hash       bytea       not null check (length(hash) = 32),
    quality    smallint    not null check (quality between 0 and 100),
    -- the URL the image came from (after redirects), or 'upload:<file name>'
    source     text        not null,
    sha256     text        not null,
    created_at timestamptz not null default now(),
    unique (library_id, hash)
);
