package io.geoetl.gdal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;

/**
 * The raw metadata of a dataset, copied out of GDAL into plain maps (sorted, so the result
 * does not depend on GDAL's hash order): the default domain (TIFF tags, EXIF items and the
 * rest), the IMD, RPC and IMAGERY domains, and each band's description and colour.
 */
record RasterTags(Map<String, String> defaults, Map<String, String> imd, Map<String, String> rpc, Map<String, String> imagery,
                  List<BandTags> bands) {

    record BandTags(int index, String description, String colorInterpretation) {}

    static RasterTags of(Dataset dataset) {
        List<BandTags> bands = new ArrayList<>();
        for (int i = 1; i <= dataset.getRasterCount(); i++) {
            Band band = dataset.GetRasterBand(i);
            String description = band.GetDescription();
            bands.add(new BandTags(i, description == null ? "" : description.trim(),
                    gdal.GetColorInterpretationName(band.GetColorInterpretation()).toLowerCase()));
        }
        return new RasterTags(domain(dataset, ""), domain(dataset, "IMD"), domain(dataset, "RPC"), domain(dataset, "IMAGERY"), bands);
    }

    private static Map<String, String> domain(Dataset dataset, String name) {
        Map<String, String> copy = new TreeMap<>();
        Hashtable<?, ?> items = dataset.GetMetadata_Dict(name);
        if (items == null) return copy;
        items.forEach((key, value) -> {
            if (key != null && value != null) copy.put(key.toString(), value.toString().trim());
        });
        return copy;
    }
}
