package io.geoetl.vector;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a blob is, by its file extension: a vector file GDAL opens directly, or an archive to unpack first. */
enum BlobType {
    GEOJSON(VectorFormat.GEOJSON, ".geojson", ".json"),
    GEOPACKAGE(VectorFormat.GEOPACKAGE, ".gpkg"),
    CSV(VectorFormat.CSV, ".csv"),
    KML(VectorFormat.KML, ".kml"),
    GPX(VectorFormat.GPX, ".gpx"),
    /** Zipped KML: the .kml inside is read. */
    KMZ(null, ".kmz"),
    /** A zipped Shapefile (a .shp with its .shx, .dbf, .prj, .cpg in any folder) or a zipped FileGDB (a .gdb folder). */
    ZIP(null, ".zip");

    private final VectorFormat format;
    private final List<String> extensions;

    BlobType(VectorFormat format, String... extensions) {
        this.format = format;
        this.extensions = List.of(extensions);
    }

    static Optional<BlobType> of(String blobName) {
        String lower = blobName.toLowerCase(Locale.ROOT);
        for (BlobType type : values()) {
            for (String extension : type.extensions) {
                if (lower.endsWith(extension)) return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static String allExtensions() {
        StringBuilder text = new StringBuilder();
        for (BlobType type : values()) {
            for (String extension : type.extensions) text.append(text.length() == 0 ? "" : ", ").append(extension);
        }
        return text.toString();
    }

    boolean isArchive() {
        return format == null;
    }

    /** The format of a directly readable blob (null for archives). */
    VectorFormat format() {
        return format;
    }
}
