-- STAC catalogue (package io.geoetl.stac; all SQL in io.geoetl.store.StacRepository).
--
-- Layout: stac.items is list-partitioned by collection; StacRepository creates a collection's
-- partition together with the collection (named stac.items_<partition_no>, so the collection id
-- never becomes an identifier) and drops it with the collection. A search restricted to
-- collections touches only their partitions, each partition's indexes stay as small as the
-- collection, and deleting a collection is a DROP TABLE instead of millions of row deletes.
create schema if not exists stac;

create sequence stac.partition_numbers;

create table stac.collections (
    id text primary key,
    -- the collection as written (links that geoetl generates are left out; extent as written)
    content jsonb not null,
    partition_no bigint not null unique default nextval('stac.partition_numbers'),
    -- the extent of its items, maintained by every item write and delete (null: no items)
    extent_bbox double precision[],
    extent_start timestamptz,
    extent_end timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- datetime is the item's own properties.datetime (null for an item with only a range);
-- start_datetime and end_datetime are always set: the item's range, or datetime twice for an
-- instant, so that every temporal test and the datetime sort read one pair of columns.
create table stac.items (
    collection text not null,
    id text not null,
    geometry geometry(Geometry, 4326) not null,
    datetime timestamptz,
    start_datetime timestamptz not null,
    end_datetime timestamptz not null,
    properties jsonb not null,
    content jsonb not null,
    job_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (collection, id)
) partition by list (collection);

-- space and time in one GiST index: a bbox + datetime search is one index scan (separate
-- indexes made the planner AND a bitmap of half the table into the small spatial one)
create index items_space_time on stac.items using gist (geometry, tstzrange(start_datetime, end_datetime, '[]'));
-- the default sort (datetime, newest first) and keyset paging on it
create index items_start_datetime on stac.items (start_datetime, collection, id);
create index items_job on stac.items (job_id) where job_id is not null;

-- The property names (and JSON types) seen in each collection's items, for /queryables and the
-- filter extension's check of property names. Maintained set-based by every item write.
create table stac.queryables (
    collection text not null references stac.collections (id) on delete cascade,
    name text not null,
    json_type text not null,
    primary key (collection, name)
);
