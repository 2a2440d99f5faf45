-- Item properties that get expression statistics (CREATE STATISTICS on (properties -> 'name')) in
-- every partition of stac.items: setting geoetl.stac.statistics-properties, kept here by
-- store.StacSearchTuning so that a partition created later gets them too (statistics objects,
-- unlike indexes, are not inherited by partitions).
create table stac.statistics_properties (
    name text primary key
);
