package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import io.geoetl.work.UnpackedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds what GDAL should open in an unpacked archive: the .shp of a zipped Shapefile (in any
 * folder), the .gdb folder of a zipped FileGDB, or the .kml of a KMZ.
 */
final class ArchiveContents {
    private ArchiveContents() {}

    static LocalPath locate(Path unpacked, BlobType type, String layerName, String label) throws IOException {
        UnpackedFiles all = UnpackedFiles.in(unpacked);
        if (type == BlobType.KMZ) {
            List<Path> kml = all.withExtension(".kml", false);
            if (kml.isEmpty()) throw new BadInputException(label + " holds no .kml document (entries: " + all.names() + ")");
            Path doc = kml.stream().filter(p -> p.getFileName().toString().equalsIgnoreCase("doc.kml")).findFirst().orElse(kml.get(0));
            return new LocalPath(doc, VectorFormat.KML);
        }
        List<Path> shapefiles = all.withExtension(".shp", false);
        if (!shapefiles.isEmpty()) {
            return new LocalPath(choose(shapefiles, ".shp", layerName, label), VectorFormat.SHAPEFILE);
        }
        List<Path> geodatabases = all.withExtension(".gdb", true);
        if (!geodatabases.isEmpty()) {
            if (geodatabases.size() > 1) {
                throw new BadInputException(label + " holds " + geodatabases.size() + " .gdb folders (" + all.names(geodatabases)
                        + "); zip one FileGDB per blob");
            }
            return new LocalPath(geodatabases.get(0), VectorFormat.FILEGDB);
        }
        throw new BadInputException(label + " holds no .shp file and no .gdb folder (entries: " + all.names()
                + "); a zipped Shapefile needs at least its .shp, .shx and .dbf");
    }

    /** What to open and as what. */
    record LocalPath(Path path, VectorFormat format) {}

    private static Path choose(List<Path> candidates, String extension, String layerName, String label) {
        if (candidates.size() == 1) return candidates.get(0);
        if (layerName != null) {
            for (Path candidate : candidates) {
                if (baseName(candidate, extension).equalsIgnoreCase(layerName)) return candidate;
            }
        }
        String names = candidates.stream().map(p -> baseName(p, extension)).collect(Collectors.joining(", "));
        throw new BadInputException(label + " holds " + candidates.size() + " Shapefiles (" + names
                + "); set layer_name to the one to ingest" + (layerName == null ? "" : " (\"" + layerName + "\" is none of them)"));
    }

    private static String baseName(Path path, String extension) {
        String name = path.getFileName().toString();
        return name.substring(0, name.length() - extension.length());
    }
}
