package io.geoetl.raster;

import java.util.Locale;

/** What a raster holds, which decides how its overviews are resampled (and how it is shown). */
public enum RasterType {
    RGB("cubic"),
    RGBA("cubic"),
    DEM("bilinear"),
    CATEGORICAL("nearest"),
    MULTISPECTRAL("cubic"),
    CONTINUOUS("average");

    private final String resampling;

    RasterType(String resampling) {
        this.resampling = resampling;
    }

    /** GDAL's resampling method for overviews and reprojection. */
    public String resampling() {
        return resampling;
    }

    /** The parameter value, e.g. "dem". */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RasterType of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
