/**
 * CQL2 filters for STAC item search (the STAC API filter extension).
 *
 * <p>{@link io.geoetl.stac.filter.Cql2} parses CQL2-text or CQL2-JSON into one immutable
 * {@link io.geoetl.stac.filter.Condition} tree; {@link io.geoetl.stac.filter.Queryables} (built from the
 * {@code /queryables} JSON Schema) checks the properties it names; {@code io.geoetl.store.StacFilterSql}
 * turns it into SQL. Every problem is a {@link io.geoetl.stac.filter.FilterException} whose
 * {@code code()} and message belong in a 400 response. This package depends on nothing else in geoetl.
 */
package io.geoetl.stac.filter;
