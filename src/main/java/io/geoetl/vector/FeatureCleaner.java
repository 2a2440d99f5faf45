package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import java.util.Arrays;
import org.gdal.ogr.GeomTransformer;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;
import org.gdal.osr.CoordinateTransformation;

/**
 * Cleans one feature's geometry, in the order the job promises, counting each step:
 * <ol>
 *   <li>no geometry (null or empty): the feature is dropped;</li>
 *   <li>invalid (GEOS, after {@link QuickValidity} could not prove it valid): repaired with MakeValid, keeping the parts of the original dimension
 *       (collapsed spikes and slivers are dropped); dropped when nothing of that dimension is left;</li>
 *   <li>Z/M dropped unless the table keeps them;</li>
 *   <li>split at the antimeridian when the target CRS is geographic (GDAL's WRAPDATELINE);</li>
 *   <li>promoted to Multi*; 6. ring orientation normalised; 7. GeometryCollections exploded
 *       into one Multi* per family — steps 3 and 5-7 happen in {@link GeometryEncoder}.</li>
 * </ol>
 * Curves are linearised and the geometry is reprojected before validation, so validity is judged
 * in the target CRS. Date cleaning (step 8) is done by {@link FeatureRowWriter}.
 */
final class FeatureCleaner {
    private final CoordinateTransformation transformation;
    private final GeomTransformer antimeridianSplitter;
    private final GeometryEncoder encoder;
    private final CleaningCounts counts;

    /**
     * @param transformation       to the target CRS, or null when the source is already in it
     * @param antimeridianSplitter GDAL's WRAPDATELINE transformer, or null when the target CRS is projected
     */
    FeatureCleaner(CoordinateTransformation transformation, GeomTransformer antimeridianSplitter, GeometryEncoder encoder,
                   CleaningCounts counts) {
        this.transformation = transformation;
        this.antimeridianSplitter = antimeridianSplitter;
        this.encoder = encoder;
        this.counts = counts;
    }

    /** Cleans {@code geometry} (owned by its feature) into the encoder; false when the feature is dropped. */
    boolean clean(Geometry geometry, long featureId) {
        if (geometry == null || geometry.IsEmpty()) {
            counts.droppedNoGeometry++;
            return false;
        }
        Geometry linear = linearise(geometry);
        Geometry repaired = null;
        try {
            Geometry current = linear != null ? linear : geometry;
            if (transformation != null && current.Transform(transformation) != 0) {
                throw new BadInputException("feature " + featureId + " could not be transformed to the target CRS");
            }
            byte[] wkb = current.ExportToIsoWkb(ogr.wkbNDR);
            int dimension = current.GetDimension();
            if (dimension > 0 && !QuickValidity.proven(wkb) && !current.IsValid()) {
                repaired = repair(current, dimension);
                if (repaired == null) {
                    counts.droppedInvalid++;
                    return false;
                }
                counts.repaired++;
                current = repaired;
                wkb = current.ExportToIsoWkb(ogr.wkbNDR);
            }
            if (!encoder.encode(wkb)) {
                counts.droppedNoGeometry++;
                return false;
            }
            if (encoder.hasNonFinite()) {
                counts.droppedInvalid++;
                return false;
            }
            if (encoder.droppedZM()) counts.zmDropped++;
            if (antimeridianSplitter != null && encoder.mayCrossAntimeridian()) splitAtAntimeridian(current, wkb);
            if (encoder.wasSingle()) counts.promotedToMulti++;
            if (encoder.reversedRing()) counts.windingNormalised++;
            if (encoder.wasCollection()) counts.collectionsExploded++;
            return true;
        } finally {
            if (repaired != null) repaired.delete();
            if (linear != null) linear.delete();
        }
    }

    /** MakeValid, then only the parts of the original dimension; null when none is left. */
    private static Geometry repair(Geometry geometry, int dimension) {
        Geometry valid = geometry.MakeValid();
        if (valid == null) return null;
        Geometry kept = null;
        boolean keep = false;
        try {
            kept = valid.RemoveLowerDimensionSubGeoms();
            keep = kept != null && !kept.IsEmpty() && kept.GetDimension() >= dimension;
            return keep ? kept : null;
        } finally {
            if (kept != valid) valid.delete();
            if (!keep && kept != null) kept.delete();
        }
    }

    private void splitAtAntimeridian(Geometry geometry, byte[] wkb) {
        Geometry wrapped = antimeridianSplitter.Transform(geometry);
        if (wrapped == null) return;
        try {
            byte[] wrappedWkb = wrapped.ExportToIsoWkb(ogr.wkbNDR);
            if (!Arrays.equals(wkb, wrappedWkb)) {
                counts.antimeridianSplit++;
                encoder.encode(wrappedWkb);
            }
        } finally {
            wrapped.delete();
        }
    }

    /** A linear copy of curved, polyhedral or TIN geometries; null when the geometry is linear already. */
    private static Geometry linearise(Geometry geometry) {
        int type = ogr.GT_Flatten(geometry.GetGeometryType());
        if (type == ogr.wkbPolyhedralSurface || type == ogr.wkbTIN || type == ogr.wkbTriangle) {
            return ogr.ForceToMultiPolygon(geometry.Clone());
        }
        if (geometry.HasCurveGeometry(1) != 0) {
            return geometry.GetLinearGeometry();
        }
        return null;
    }
}
