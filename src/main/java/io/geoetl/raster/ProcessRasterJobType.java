package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobListing;
import io.geoetl.store.Database;
import io.geoetl.work.BlobFetcher;
import java.util.ArrayList;
import java.util.List;

/**
 * process_raster (docs/rasters.md): a raster blob becomes Cloud-Optimized GeoTIFFs in silver,
 * app.cog_metadata rows and a STAC item. Stages: validate (one task) → cog (one task per tier)
 * → catalog (one task: the STAC item). A raster above the tiling threshold is cut into tiles
 * ({@link TilePlanner}): one cog task per tile and tier, one catalog task and item per tile
 * ({@link TileTasks}). Bad input fails the job at once and removes what it wrote.
 * A blob_prefix job (every raster under a prefix) runs the same stages through {@link PrefixRasters};
 * its rasters are written whole, never tiled.
 */
public final class ProcessRasterJobType implements JobType {
    public static final String NAME = "process_raster";
    private static final String VALIDATE = "validate";
    private static final String COG = "cog";
    private static final String CATALOG = "catalog";
    private final ParameterSchema parameters;
    private final RasterSettings settings;
    private final Database db;
    private final BlobFiles blobs;
    private final BlobFetcher fetcher;
    private final RasterSource source;
    private final RasterInspector inspector;
    private final CogStage cogs;
    private final CatalogStage catalog;
    private final TilePlanner tiles;
    private final PrefixRasters prefixes;

    public ProcessRasterJobType(Database db, BlobFiles blobs, BlobFetcher fetcher, RasterSettings settings, TileSettings tileSettings,
                                BlobListing listing, PrefixSettings prefixSettings) {
        GdalRuntime.init();
        this.parameters = RasterParameters.schema(settings.collection());
        this.settings = settings;
        this.db = db;
        this.blobs = blobs;
        this.fetcher = fetcher;
        this.source = new RasterSource(blobs, fetcher, settings.maxFileBytes());
        this.inspector = new RasterInspector(settings);
        this.cogs = new CogStage(settings, source, blobs, db);
        this.catalog = new CatalogStage(settings, db, blobs, new RasterItemBuilder(settings.titilerUrl()));
        this.tiles = new TilePlanner(tileSettings);
        this.prefixes = new PrefixRasters(listing, prefixSettings, settings, db, blobs, fetcher, this::validate, cogs, catalog);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Turns a raster blob (GeoTIFF, JPEG 2000, Erdas Imagine, a zipped SRTM tile) into validated Cloud-Optimized GeoTIFFs "
                + "in the silver container, with checksums, a thumbnail and a STAC item.";
    }

    @Override
    public ParameterSchema parameters() {
        return parameters;
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        ObjectNode normalised = RasterParameters.normalise(parameters, raw);
        return PrefixRasters.isPrefixJob(normalised) ? prefixes.withListing(normalised) : normalised;
    }

    /** blob_prefix lists the prefix: its fingerprint is part of the job id. */
    @Override
    public boolean listsStorageOnSubmit(JsonNode raw) {
        return raw != null && raw.has("blob_prefix");
    }

    @Override
    public String subject(JsonNode parameters) {
        if (PrefixRasters.isPrefixJob(parameters)) return prefixes.subject(parameters);
        return parameters.path("container").asText() + "/" + parameters.path("blob_name").asText();
    }

    @Override
    public List<String> stageNames() {
        return List.of(VALIDATE, COG, CATALOG);
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        if (PrefixRasters.isPrefixJob(parameters)) return prefixes.planStage(stage, new String[] {VALIDATE, COG, CATALOG}, previous);
        return switch (stage) {
            case 1 -> List.of(new TaskSpec(VALIDATE, Json.object()));
            case 2 -> {
                JsonNode validated = previous.results().get(0);
                List<TaskSpec> tileTasks = TileTasks.cogTasks(COG, validated, parameters.get("item_id").asText());
                if (tileTasks != null) yield tileTasks;
                List<TaskSpec> tasks = new ArrayList<>();
                for (JsonNode tier : validated.get("inspection").get("tiers")) {
                    ObjectNode task = Json.object().put("tier", tier.asText()).put("thumbnail", tasks.isEmpty());
                    task.set("source", validated.get("source"));
                    task.set("inspection", validated.get("inspection"));
                    tasks.add(new TaskSpec(COG, task));
                }
                yield tasks;
            }
            case 3 -> {
                List<TaskSpec> tileTasks = TileTasks.catalogTasks(CATALOG, previous.results());
                if (tileTasks != null) yield tileTasks;
                ObjectNode task = Json.object();
                ArrayNode written = task.putArray("cogs");
                previous.results().forEach(written::add);
                yield List.of(new TaskSpec(CATALOG, task));
            }
            default -> throw new IllegalArgumentException("process_raster has 3 stages, not " + stage);
        };
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        if (PrefixRasters.isPrefixJob(context.jobParameters())) return prefixes.runTask(context);
        RasterParameters p = RasterParameters.of(context.jobParameters());
        try {
            return switch (context.taskType()) {
                case VALIDATE -> validate(context.jobId(), p);
                case COG -> cogs.run(context.jobId(), p, context.taskParameters());
                case CATALOG -> {
                    JsonNode cogs = context.taskParameters().get("cogs");
                    JsonNode item = catalog.run(context.jobId(), TileTasks.itemOf(p, cogs), cogs);
                    fetcher.discard(context.jobId());
                    yield item;
                }
                default -> throw new IllegalArgumentException("process_raster has no task type " + context.taskType());
            };
        } catch (BadInputException e) {
            discard(context.jobId(), p, context.stage() > 1, gridOf(context.taskParameters()));
            throw e;
        }
    }

    ObjectNode validate(String jobId, RasterParameters p) {
        if (!p.overwrite()) {
            List<String> others = db.inTransaction(tx -> tx.cogMetadata().otherJobsOf(p.collectionId(), p.itemId(), jobId));
            if (!others.isEmpty()) {
                throw new BadInputException("item " + p.collectionId() + "/" + p.itemId() + " already exists (written by job "
                        + others.get(0) + "); pass overwrite=true to replace it, or give another item_id");
            }
        }
        var blob = source.describe(p);
        StepClock clock = new StepClock();
        RasterSource.Local local = clock.time("download", () -> source.fetch(jobId, blob, p));
        String sha256 = clock.time("sha256", () -> Sha256.of(local.blob().path()));
        ObjectNode result = Json.object();
        result.putObject("source").put("container", blob.container()).put("name", blob.name()).put("size", blob.size())
                .put("etag", blob.etag()).put("href", blobs.url(blob.container(), blob.name())).put("sha256", sha256);
        ObjectNode inspection = clock.time("inspect", () -> inspector.inspect(local.gdalPath(), p));
        result.set("inspection", inspection);
        clock.report(result);
        ObjectNode tiling = tiles.plan(inspection, p);
        if (tiling != null) {
            refuseOtherJobsTiles(jobId, p, tiling);
            result.set("tiling", tiling);
        }
        return result;
    }

    /** The overwrite check for a tiled raster: its tiles' items. */
    private void refuseOtherJobsTiles(String jobId, RasterParameters p, JsonNode tiling) {
        if (p.overwrite()) return;
        List<String> ids = new ArrayList<>();
        tiling.get("tiles").forEach(tile -> ids.add(RasterTile.of(tile).itemId(p.itemId())));
        List<String> others = db.inTransaction(tx -> tx.cogMetadata().otherJobsOf(p.collectionId(), ids, jobId));
        if (!others.isEmpty()) {
            throw new BadInputException("tiles of item " + p.collectionId() + "/" + p.itemId() + " already exist (written by job "
                    + others.get(0) + "); pass overwrite=true to replace them, or give another item_id");
        }
    }

    /** The tile grid a cog or catalog task works in; null for a raster written whole. */
    private static JsonNode gridOf(JsonNode task) {
        if (task.has("grid")) return task.get("grid");
        return task.path("cogs").path(0).get("grid");
    }

    /**
     * After bad input: the local copy, and from the cog stage on also the silver blobs (every
     * tile's when {@code grid} is not null) and rows this job wrote.
     */
    private void discard(String jobId, RasterParameters p, boolean wrote, JsonNode grid) {
        fetcher.discard(jobId);
        if (!wrote) return;
        for (Tier tier : Tier.values()) blobs.delete(settings.silverContainer(), CogStage.cogBlob(p, tier));
        blobs.delete(settings.silverContainer(), CogStage.thumbnailBlob(p));
        for (int row = 0; grid != null && row < grid.get("rows").asInt(); row++) {
            for (int col = 0; col < grid.get("cols").asInt(); col++) {
                RasterTile tile = new RasterTile(row, col, 0, 0, 0, 0);
                for (Tier tier : Tier.values()) blobs.delete(settings.silverContainer(), CogStage.cogBlob(p, tile, tier));
                blobs.delete(settings.silverContainer(), CogStage.thumbnailBlob(p, tile));
            }
        }
        db.inTransaction(tx -> tx.cogMetadata().deleteOfJob(jobId));
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        if (PrefixRasters.isPrefixJob(parameters)) return prefixes.finish(parameters, lastStage);
        List<JsonNode> items = lastStage.results();
        return items.get(0).has("tile") ? TileTasks.result(parameters.get("item_id").asText(), items) : items.get(0);
    }

    /** GDAL reads the source in the router's process: a file that crashed one router is not handed to the next. */
    @Override
    public boolean failsOnLostWorker() {
        return true;
    }

    /**
     * The STAC item, every COG and the thumbnail this job may have written, and its app.cog_metadata
     * rows; for a tiled raster every tile's item (from those rows) and the tile folder's blobs.
     */
    @Override
    public List<JobOutput> outputs(Job job) {
        if (PrefixRasters.isPrefixJob(job.parameters())) return prefixes.outputs(job);
        RasterParameters p = RasterParameters.of(job.parameters());
        List<JobOutput> outputs = new ArrayList<>();
        outputs.add(new JobOutput.StacItem(p.collectionId(), p.itemId()));
        for (String tileItem : db.inTransaction(tx -> tx.cogMetadata().itemsOfJob(p.collectionId(), job.jobId()))) {
            if (!tileItem.equals(p.itemId())) outputs.add(new JobOutput.StacItem(p.collectionId(), tileItem));
        }
        for (Tier tier : Tier.values()) outputs.add(new JobOutput.BlobPrefix(settings.silverContainer(), CogStage.cogBlob(p, tier)));
        outputs.add(new JobOutput.BlobPrefix(settings.silverContainer(), CogStage.thumbnailBlob(p)));
        outputs.add(new JobOutput.BlobPrefix(settings.silverContainer(), CogStage.tileFolder(p)));
        outputs.add(new JobOutput.Rows("app", "cog_metadata", "job_id", job.jobId()));
        return outputs;
    }
}
