package io.geoetl.raster;

import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.work.BlobFetcher;
import io.geoetl.work.LocalBlob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.gdal.gdal.gdal;

/**
 * A job's source raster on this router's disk: the blob checked (exists, not empty, not over the
 * size limit), fetched once per job and router by the shared {@link BlobFetcher}, and the path
 * GDAL opens. A zip is not unpacked: GDAL reads the raster inside it through /vsizip/.
 */
final class RasterSource {
    private static final List<String> RASTER_ENDINGS = List.of(".tif", ".tiff", ".jp2", ".img", ".hgt");
    private final BlobFiles blobs;
    private final BlobFetcher fetcher;
    private final long maxFileBytes;

    RasterSource(BlobFiles blobs, BlobFetcher fetcher, long maxFileBytes) {
        this.blobs = blobs;
        this.fetcher = fetcher;
        this.maxFileBytes = maxFileBytes;
    }

    /** The local copy: the downloaded file and the path GDAL opens. */
    record Local(LocalBlob blob, String gdalPath) {}

    /** The blob as it is now; bad input when it is missing, empty or too large. */
    BlobInfo describe(RasterParameters p) {
        BlobInfo blob = blobs.describe(p.container(), p.blobName())
                .orElseThrow(() -> new BadInputException("blob " + p.source() + " does not exist"));
        if (blob.size() == 0) throw new BadInputException("blob " + p.source() + " is empty (0 bytes); there is no raster in it");
        if (blob.size() > maxFileBytes) {
            throw new BadInputException("blob " + p.source() + " is " + blob.size() + " bytes, over the limit of " + maxFileBytes
                    + " bytes (geoetl.raster.max-file-bytes)");
        }
        return blob;
    }

    /** Exactly this version of the blob on local disk (fetched unless this router has it already). */
    Local fetch(String jobId, BlobInfo blob, RasterParameters p) {
        LocalBlob local = fetcher.fetch(jobId, slot(p), blob, false);
        String path = local.path().toString();
        return new Local(local, p.isZip() ? rasterInZip(path, p) : path);
    }

    /** The work-area slot of the job's copy of this raster: one per item, so the rasters of a blob_prefix job never share one. */
    static String slot(RasterParameters p) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(p.itemId().getBytes(StandardCharsets.UTF_8));
            return "source-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The /vsizip/ path of the one raster in the archive; bad input when there is none or several. */
    private static String rasterInZip(String zip, RasterParameters p) {
        String root = "/vsizip/" + zip;
        @SuppressWarnings("unchecked")
        Vector<String> entries = gdal.ReadDirRecursive(root);
        if (entries == null) throw new BadInputException("blob " + p.source() + " is not a readable zip archive");
        List<String> rasters = entries.stream().filter(e -> !e.contains("__MACOSX"))
                .filter(e -> RASTER_ENDINGS.stream().anyMatch(end -> e.toLowerCase(Locale.ROOT).endsWith(end))).toList();
        if (rasters.isEmpty()) {
            throw new BadInputException("the zip archive " + p.source() + " holds no raster (" + String.join(", ", RASTER_ENDINGS)
                    + "); it holds: " + String.join(", ", entries.stream().limit(20).toList()));
        }
        if (rasters.size() > 1) {
            throw new BadInputException("the zip archive " + p.source() + " holds several rasters (" + String.join(", ", rasters)
                    + "); put one raster in each archive");
        }
        return root + "/" + rasters.get(0);
    }
}
