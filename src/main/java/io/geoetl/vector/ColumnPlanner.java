package io.geoetl.vector;

import io.geoetl.store.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.gdal.ogr.FeatureDefn;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.ogr;

/** Maps a layer's OGR fields to the target table's columns: sanitised unique names and PostgreSQL types. */
final class ColumnPlanner {
    private ColumnPlanner() {}

    static List<PlannedColumn> plan(FeatureDefn definition) {
        ColumnNamer namer = new ColumnNamer();
        List<PlannedColumn> columns = new ArrayList<>();
        for (int i = 0; i < definition.GetFieldCount(); i++) {
            FieldDefn field = definition.GetFieldDefn(i);
            String source = field.GetName();
            columns.add(new PlannedColumn(i, source, namer.name(source, i), typeOf(field.GetFieldType(), field.GetSubType()),
                    field.GetFieldType()));
        }
        return columns;
    }

    /** OGR field type (and subtype) → column type. Lists become jsonb arrays. */
    static ColumnType typeOf(int type, int subType) {
        if (type == ogr.OFTInteger) {
            if (subType == ogr.OFSTBoolean) return ColumnType.BOOLEAN;
            if (subType == ogr.OFSTInt16) return ColumnType.SMALLINT;
            return ColumnType.INTEGER;
        }
        if (type == ogr.OFTInteger64) return ColumnType.BIGINT;
        if (type == ogr.OFTReal) return subType == ogr.OFSTFloat32 ? ColumnType.REAL : ColumnType.DOUBLE;
        if (type == ogr.OFTDate) return ColumnType.DATE;
        if (type == ogr.OFTTime) return ColumnType.TIME;
        if (type == ogr.OFTDateTime) return ColumnType.TIMESTAMPTZ;
        if (type == ogr.OFTBinary) return ColumnType.BYTEA;
        if (type == ogr.OFTIntegerList || type == ogr.OFTInteger64List || type == ogr.OFTRealList || type == ogr.OFTStringList) {
            return ColumnType.JSONB;
        }
        return ColumnType.TEXT;
    }
}
