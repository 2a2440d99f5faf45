package io.geoetl.vector;

import io.geoetl.gdal.GdalRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;

/** Vector files written by the tests themselves, with GDAL. */
final class TestFiles {
    private TestFiles() {}

    /**
     * A layer of {@code n} squares 0.1° apart along the equator (in {@code epsg}'s units when it is
     * projected: 10 km apart), with fields name (text), value (real), observed (date; the first
     * feature's date is in year 0, which cleaning must set to NULL).
     */
    static Path squares(Path file, String driver, String layerName, int n, Integer epsg, List<String> creationOptions) {
        GdalRuntime.init();
        DataSource dataset = ogr.GetDriverByName(driver).CreateDataSource(file.toString());
        SpatialReference srs = null;
        if (epsg != null) {
            srs = new SpatialReference();
            srs.ImportFromEPSG(epsg);
        }
        Layer layer = dataset.CreateLayer(layerName, srs, ogr.wkbPolygon, new Vector<>(creationOptions));
        layer.CreateField(new FieldDefn("Name", ogr.OFTString));
        layer.CreateField(new FieldDefn("value", ogr.OFTReal));
        layer.CreateField(new FieldDefn("observed", ogr.OFTDate));
        boolean projected = epsg != null && epsg != 4326;
        double step = projected ? 10_000 : 0.1;
        double size = projected ? 5_000 : 0.05;
        double x0 = projected ? 500_000 : 8;
        double y0 = projected ? 5_300_000 : 47;
        for (int i = 0; i < n; i++) {
            Feature feature = new Feature(layer.GetLayerDefn());
            feature.SetField("Name", i == 0 ? "Zürich" : "square " + i);
            feature.SetField("value", i * 1.5);
            feature.SetField("observed", i == 0 ? 0 : 2000 + i % 20, 5, 1 + i % 28, 0, 0, 0f, 0);
            double x = x0 + i * step;
            feature.SetGeometryDirectly(Geometry.CreateFromWkt(String.format(java.util.Locale.ROOT,
                    "POLYGON ((%f %f,%f %f,%f %f,%f %f,%f %f))", x, y0, x, y0 + size, x + size, y0 + size, x + size, y0, x, y0)));
            layer.CreateFeature(feature);
            feature.delete();
        }
        dataset.delete();
        return file;
    }

    /** Zips every file under {@code folder}, each entry prefixed with {@code prefix} (e.g. "data/"). */
    static byte[] zipFolder(Path folder, String prefix) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(prefix + folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip(entries);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip with one entry of {@code size} zero bytes (compresses about a thousandfold). */
    static Path zeros(Path file, String entryName, long size) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < size; written += block.length) zip.write(block);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
