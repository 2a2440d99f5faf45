package io.geoetl.raster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.WarpOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Writes one COG with GDAL's COG driver in this process: gdal.Translate, or for a reprojection
 * (target_crs) or a rotated source a virtual gdal.Warp first, in the same pass. A CRS override
 * (source_crs) goes on a virtual copy; a tile's window is read straight from the source (-srcwin),
 * so its georeference is the source's shifted by the window's offsets. Every GDAL dataset is
 * closed on every path.
 */
final class CogWriter {
    private CogWriter() {}

    /** Writes {@code target} from the raster at {@code source} (a GDAL path) in {@code tier}; only {@code window} of it when not null. */
    static void write(String source, Path target, Tier tier, RasterType type, RasterParameters p, boolean rotated, RasterTile window) {
        if (window != null && (p.targetCrs() != null || rotated)) {
            throw new IllegalArgumentException("tiles are not warped (TilePlanner refuses target_crs and rotated rasters with tiling)");
        }
        List<Dataset> open = new ArrayList<>();
        try {
            Dataset current = opened(gdal.Open(source, gdalconstConstants.GA_ReadOnly), open, "open " + source);
            if (p.sourceCrs() != null) {
                current = opened(gdal.Translate("", current, options("-of", "VRT", "-a_srs", p.sourceCrs())), open, "assign source_crs");
            }
            if (p.targetCrs() != null || rotated) {
                List<String> warp = new ArrayList<>(List.of("-of", "VRT", "-r", type.resampling(), "-multi", "-wo", "NUM_THREADS=ALL_CPUS"));
                if (p.targetCrs() != null) warp.addAll(List.of("-t_srs", p.targetCrs()));
                current = opened(gdal.Warp("", new Dataset[] {current}, new WarpOptions(new Vector<>(warp))), open, "warp");
            }
            List<String> translate = new ArrayList<>(List.of("-of", "COG"));
            if (window != null) {
                translate.addAll(List.of("-srcwin", String.valueOf(window.xOff()), String.valueOf(window.yOff()), String.valueOf(window.width()),
                        String.valueOf(window.height())));
            }
            for (String option : tier.creationOptions(type, p.jpegQuality())) translate.addAll(List.of("-co", option));
            Dataset cog = opened(gdal.Translate(target.toString(), current, new TranslateOptions(new Vector<>(translate))), open, "write COG");
            open.remove(cog);
            cog.delete();
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) open.get(i).delete();
        }
    }

    private static TranslateOptions options(String... args) {
        return new TranslateOptions(new Vector<>(List.of(args)));
    }

    private static Dataset opened(Dataset ds, List<Dataset> open, String step) {
        if (ds == null) throw new IllegalStateException("GDAL could not " + step + ": " + gdal.GetLastErrorMsg());
        open.add(ds);
        return ds;
    }
}
