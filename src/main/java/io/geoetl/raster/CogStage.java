package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.storage.BlobFiles.Overwrite;
import io.geoetl.store.CogMetadataRepository.CogRow;
import io.geoetl.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The cog stage, one task per tier (per tile and tier for a tiled raster): the source fetched
 * (again, if this router has no copy), scratch space checked, the COG written and proved valid,
 * hashed, uploaded to silver under cogs/{collection}/{item}_{tier}.tif (a tile's under
 * cogs/{collection}/{item}/{item}_r{row}_c{col}_{tier}.tif) and recorded in app.cog_metadata;
 * the first tier's task (of each tile) also renders the thumbnail. The scratch folder is deleted
 * on every path.
 */
final class CogStage {
    /** A COG with its overviews takes at most about this share of the uncompressed raster (worst case: incompressible data). */
    private static final double SCRATCH_FACTOR = 1.5;
    private final RasterSettings settings;
    private final RasterSource source;
    private final BlobFiles blobs;
    private final Database db;

    CogStage(RasterSettings settings, RasterSource source, BlobFiles blobs, Database db) {
        this.settings = settings;
        this.source = source;
        this.blobs = blobs;
        this.db = db;
    }

    static String cogBlob(RasterParameters p, Tier tier) {
        return cogBlob(p, null, tier);
    }

    static String thumbnailBlob(RasterParameters p) {
        return thumbnailBlob(p, null);
    }

    /** Where a COG goes: a tile's in the raster's tile folder (no other item's blob name starts with it: ids hold no '/'). */
    static String cogBlob(RasterParameters p, RasterTile tile, Tier tier) {
        return blobStem(p, tile) + "_" + tier.value() + ".tif";
    }

    static String thumbnailBlob(RasterParameters p, RasterTile tile) {
        return blobStem(p, tile) + "_thumbnail.png";
    }

    /** The folder holding every tile's COGs and thumbnails. */
    static String tileFolder(RasterParameters p) {
        return "cogs/" + p.collectionId() + "/" + p.itemId() + "/";
    }

    private static String blobStem(RasterParameters p, RasterTile tile) {
        return tile == null ? "cogs/" + p.collectionId() + "/" + p.itemId() : tileFolder(p) + tile.itemId(p.itemId());
    }

    /**
     * {@code task}: tier, thumbnail (true for one task per item), source (the blob version
     * validated, with its SHA-256), inspection, and for a tiled raster its tile.
     */
    ObjectNode run(String jobId, RasterParameters p, JsonNode task) {
        Tier tier = Tier.of(task.get("tier").asText());
        RasterTile tile = task.hasNonNull("tile") ? RasterTile.of(task.get("tile")) : null;
        String itemId = tile == null ? p.itemId() : tile.itemId(p.itemId());
        JsonNode sourceInfo = task.get("source");
        JsonNode inspection = task.get("inspection");
        RasterType type = RasterType.of(inspection.get("raster_type").asText());
        BlobInfo blob = new BlobInfo(sourceInfo.get("container").asText(), sourceInfo.get("name").asText(), sourceInfo.get("size").asLong(),
                sourceInfo.get("etag").asText());
        StepClock clock = new StepClock();
        RasterSource.Local local = clock.time("fetch", () -> source.fetch(jobId, blob, p));
        Path scratch = settings.workRoot().resolve(jobId).resolve("cog-" + (tile == null ? "" : "r" + tile.row() + "_c" + tile.col() + "-")
                + tier.value() + "-" + RasterSource.slot(p));
        try {
            Files.createDirectories(scratch);
            checkScratchSpace(scratch, rawBytes(inspection, tile));
            Path cog = scratch.resolve(tier.value() + ".tif");
            clock.time("write", () -> CogWriter.write(local.gdalPath(), cog, tier, type, p, inspection.get("rotated").asBoolean(), tile));
            CogLayoutCheck.Result layout = clock.time("layout_check", () -> CogLayoutCheck.check(cog.toString()));
            if (!layout.valid()) throw new IllegalStateException("the COG GDAL wrote is not valid: " + String.join("; ", layout.errors()));
            if (!tier.reportedCompression().equals(layout.compression())) {
                throw new IllegalStateException("the " + tier.value() + " COG has compression " + layout.compression() + ", expected "
                        + tier.reportedCompression());
            }
            String sha256 = clock.time("sha256", () -> Sha256.of(cog));
            long size = Files.size(cog);
            ObjectNode facts = clock.time("statistics", () -> CogFacts.read(cog));
            String name = cogBlob(p, tile, tier);
            clock.time("upload", () -> blobs.upload(cog, settings.silverContainer(), name, Overwrite.REPLACE));
            ObjectNode result = Json.object();
            if (task.path("thumbnail").asBoolean()) {
                Path png = scratch.resolve("thumbnail.png");
                clock.time("thumbnail", () -> {
                    Thumbnail.render(cog, png, type, settings.thumbnailPixels());
                    blobs.upload(png, settings.silverContainer(), thumbnailBlob(p, tile), Overwrite.REPLACE);
                });
                result.put("thumbnail_href", blobs.url(settings.silverContainer(), thumbnailBlob(p, tile)));
            }
            String crs = facts.has("epsg") ? "EPSG:" + facts.get("epsg").asInt() : facts.get("wkt2").asText();
            clock.time("metadata_row", () -> db.inTransaction(tx -> {
                tx.cogMetadata().upsert(new CogRow(p.collectionId(), itemId, tier.value(), jobId, settings.silverContainer(), name,
                        size, sha256, facts.get("shape").get(1).asInt(), facts.get("shape").get(0).asInt(), facts.get("bands").size(), crs,
                        layout.compression(), Json.write(facts.get("bands")), blob.path(), blob.etag(), sourceInfo.get("sha256").asText()));
                return null;
            }));
            result.put("tier", tier.value());
            result.put("blob", settings.silverContainer() + "/" + name);
            result.put("href", blobs.url(settings.silverContainer(), name));
            result.put("size", size);
            result.put("sha256", sha256);
            result.put("compression", layout.compression());
            result.put("interleave", layout.interleave());
            result.put("block_size", layout.blockWidth());
            result.put("overviews", layout.overviews());
            // the COG driver's own time, apart from checks, hashing and uploads (bench/raster compares it with gdal_translate)
            result.put("write_seconds", clock.seconds("write"));
            clock.report(result);
            result.set("facts", facts);
            result.set("source", sourceInfo);
            result.set("inspection", inspection);
            if (tile != null) {
                result.set("tile", task.get("tile"));
                result.set("grid", task.get("grid"));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("scratch space " + scratch + ": " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The uncompressed bytes of the whole raster, or of the tile's share of it. */
    private static long rawBytes(JsonNode inspection, RasterTile tile) {
        long raw = inspection.get("raw_bytes").asLong();
        if (tile == null) return raw;
        double share = (double) tile.width() * tile.height() / ((double) inspection.get("width").asInt() * inspection.get("height").asInt());
        return (long) Math.ceil(raw * share);
    }

    private static void checkScratchSpace(Path scratch, long rawBytes) throws IOException {
        long needed = (long) (rawBytes * SCRATCH_FACTOR);
        long free = Files.getFileStore(scratch).getUsableSpace();
        if (free < needed) {
            throw new IllegalStateException("not enough scratch space on this router: " + free + " bytes free in " + scratch + ", "
                    + needed + " needed for the COG; another router may take the task on retry");
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
