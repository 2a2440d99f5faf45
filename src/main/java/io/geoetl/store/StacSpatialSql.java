package io.geoetl.store;

import io.geoetl.stac.filter.Condition;
import io.geoetl.stac.filter.FilterException;
import io.geoetl.stac.filter.GeometryLiteral;
import io.geoetl.stac.filter.Operand;
import io.geoetl.stac.filter.SpatialOperator;
import java.util.Map;

/**
 * The spatial predicates as PostGIS functions on {@code geometry} (EPSG:4326). ST_Intersects and the
 * others use the GiST index on the column when one side is the column and the other a constant.
 */
final class StacSpatialSql {
    private static final Map<SpatialOperator, String> FUNCTIONS = Map.of(
            SpatialOperator.INTERSECTS, "ST_Intersects", SpatialOperator.EQUALS, "ST_Equals",
            SpatialOperator.DISJOINT, "ST_Disjoint", SpatialOperator.TOUCHES, "ST_Touches",
            SpatialOperator.WITHIN, "ST_Within", SpatialOperator.OVERLAPS, "ST_Overlaps",
            SpatialOperator.CROSSES, "ST_Crosses", SpatialOperator.CONTAINS, "ST_Contains");

    private StacSpatialSql() {}

    static void predicate(Condition.Spatial spatial, StacFilterSql filter, SqlFragment.Builder out) {
        out.sql(FUNCTIONS.get(spatial.operator()) + "(");
        geometry(spatial.left(), spatial.operator(), filter, out);
        out.sql(", ");
        geometry(spatial.right(), spatial.operator(), filter, out);
        out.sql(")");
    }

    private static void geometry(Operand operand, SpatialOperator operator, StacFilterSql filter, SqlFragment.Builder out) {
        if (operand instanceof GeometryLiteral geometry) {
            out.sql("ST_SetSRID(ST_GeomFromGeoJSON(").param(geometry.toGeoJson()).sql("), 4326)");
        } else if (operand instanceof Operand.BboxLiteral bbox) {
            envelope(bbox, out);
        } else {
            StacFilterSql.Target target = filter.propertyTarget(operand, "'" + operator.cqlName() + "'");
            if (target.kind() != StacFilterSql.Kind.GEOMETRY) {
                throw FilterException.unsupported("'" + operator.cqlName() + "' works on the item geometry; "
                        + target.name() + " is not stored as one");
            }
            out.sql(target.sql());
        }
    }

    /** A bbox whose west edge lies east of its east edge crosses the antimeridian: two envelopes. */
    private static void envelope(Operand.BboxLiteral bbox, SqlFragment.Builder out) {
        if (bbox.west() <= bbox.east()) {
            box(bbox.west(), bbox.south(), bbox.east(), bbox.north(), out);
            return;
        }
        out.sql("ST_Collect(");
        box(bbox.west(), bbox.south(), 180.0, bbox.north(), out);
        out.sql(", ");
        box(-180.0, bbox.south(), bbox.east(), bbox.north(), out);
        out.sql(")");
    }

    private static void box(double west, double south, double east, double north, SqlFragment.Builder out) {
        out.sql("ST_MakeEnvelope(").param(west).sql(", ").param(south).sql(", ").param(east).sql(", ").param(north)
                .sql(", 4326)");
    }
}
