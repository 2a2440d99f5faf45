package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;
import org.gdal.ogr.Layer;

/**
 * An open GDAL dataset over a job's local source, restricted to the drivers of its format, and
 * the choice of the layer to ingest. Close it to release the dataset (GDAL 3.6 needs delete()).
 */
final class VectorSource implements AutoCloseable {
    /** GPX layers derived from routes and tracks: never chosen by default. */
    private static final Set<String> DERIVED_GPX_LAYERS = Set.of("route_points", "track_points");
    private final Dataset dataset;
    private final VectorFormat format;
    private final String label;

    private VectorSource(Dataset dataset, VectorFormat format, String label) {
        this.dataset = dataset;
        this.format = format;
        this.label = label;
    }

    /** Opens the source; bad input when GDAL cannot read it as its format. */
    static VectorSource open(LocalSource source, IngestParameters p) {
        String label = "blob " + p.source();
        gdal.ErrorReset();
        Dataset dataset;
        try {
            dataset = gdal.OpenEx(source.path().toString(), gdalconst.OF_VECTOR | gdalconst.OF_READONLY | gdalconst.OF_VERBOSE_ERROR,
                    source.format().drivers(), openOptions(source.format(), p));
        } catch (RuntimeException e) {
            throw unreadable(label, source.format(), e.getMessage());
        }
        if (dataset == null) throw unreadable(label, source.format(), gdal.GetLastErrorMsg());
        return new VectorSource(dataset, source.format(), label);
    }

    Dataset dataset() {
        return dataset;
    }

    /** The GDAL driver that opened the source. */
    String driver() {
        return dataset.GetDriver().getShortName();
    }

    /**
     * The layer called {@code name}; without a name, the only layer, or the only layer with
     * features (GPX route/track points aside). Bad input when that choice is not clear.
     */
    Layer layer(String name) {
        if (name != null) {
            Layer layer = dataset.GetLayerByName(name);
            if (layer == null) {
                throw new BadInputException("layer \"" + name + "\" does not exist in " + label + "; its layers are: " + String.join(", ", layerNames()));
            }
            return layer;
        }
        if (dataset.GetLayerCount() == 0) throw new BadInputException(label + " holds no layer");
        if (dataset.GetLayerCount() == 1) return dataset.GetLayer(0);
        List<Layer> withFeatures = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i = 0; i < dataset.GetLayerCount(); i++) {
            Layer layer = dataset.GetLayer(i);
            long count = layer.GetFeatureCount(1);
            described.add(layer.GetName() + " (" + count + " features)");
            if (count > 0 && !(format == VectorFormat.GPX && DERIVED_GPX_LAYERS.contains(layer.GetName()))) withFeatures.add(layer);
        }
        if (withFeatures.size() == 1) return withFeatures.get(0);
        throw new BadInputException(label + " holds several layers: " + String.join(", ", described)
                + "; set layer_name to the one to ingest");
    }

    private List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dataset.GetLayerCount(); i++) names.add(dataset.GetLayer(i).GetName());
        return names;
    }

    private static Vector<String> openOptions(VectorFormat format, IngestParameters p) {
        Vector<String> options = new Vector<>();
        if (format == VectorFormat.CSV) {
            options.add("X_POSSIBLE_NAMES=" + (p.xColumn() != null ? p.xColumn() : "lon,long,longitude,lng,x"));
            options.add("Y_POSSIBLE_NAMES=" + (p.yColumn() != null ? p.yColumn() : "lat,latitude,y"));
            options.add("GEOM_POSSIBLE_NAMES=" + (p.wktColumn() != null ? p.wktColumn() : "wkt,geom,geometry,the_geom"));
            options.add("KEEP_GEOM_COLUMNS=NO");
            // column types are guessed from the whole file, so every chunk sees the same types
            options.add("AUTODETECT_TYPE=YES");
            options.add("AUTODETECT_SIZE_LIMIT=0");
        }
        if (format == VectorFormat.SHAPEFILE && p.encoding() != null) {
            options.add("ENCODING=" + p.encoding());
        }
        return options;
    }

    private static BadInputException unreadable(String label, VectorFormat format, String reason) {
        String why = reason == null || reason.isBlank() ? "GDAL gave no reason" : reason.trim();
        return new BadInputException(label + " could not be read as " + format.name().toLowerCase() + ": " + why);
    }

    @Override
    public void close() {
        dataset.delete();
    }
}
