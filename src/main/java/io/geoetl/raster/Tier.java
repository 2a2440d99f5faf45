package io.geoetl.raster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A COG profile: the compression its file gets. Profiles are fixed; {@link #creationOptions}
 * returns a fresh list each call so no caller can change another's.
 */
public enum Tier {
    /** lossless DEFLATE with the predictor that fits the data type (PREDICTOR=YES: 2 for integers, 3 for floats) */
    ANALYSIS("DEFLATE"),
    /** lossy YCbCr JPEG, pixel-interleaved, for display; 3-band 8-bit only */
    VISUALIZATION("JPEG"),
    /** lossless LZW, read by every TIFF reader */
    ARCHIVE("LZW");

    private final String compress;

    Tier(String compress) {
        this.compress = compress;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a raster of these bands can be written in this tier. */
    public boolean accepts(int bandCount, boolean allByte) {
        return this != VISUALIZATION || (bandCount == 3 && allByte);
    }

    /** The COG driver's creation options (gdal_translate -co), 512-pixel tiles, every core. */
    public List<String> creationOptions(RasterType type, int jpegQuality) {
        List<String> options = new ArrayList<>(List.of("BLOCKSIZE=512", "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER",
                "COMPRESS=" + compress, "OVERVIEW_RESAMPLING=" + type.resampling()));
        if (this == VISUALIZATION) {
            options.add("QUALITY=" + jpegQuality);
        } else {
            options.add("PREDICTOR=YES");
        }
        return options;
    }

    /** What gdalinfo reports as COMPRESSION for this tier's files. */
    public String reportedCompression() {
        return this == VISUALIZATION ? "YCbCr JPEG" : compress;
    }
}
