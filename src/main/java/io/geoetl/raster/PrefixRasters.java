package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobListing;
import io.geoetl.store.Database;
import io.geoetl.work.BlobFetcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * process_raster with blob_prefix (docs/rasters.md): every raster under a container/prefix into one
 * collection. Submitting lists the prefix and adds the listing's fingerprint (names + ETags) to the
 * parameters, so the same listing gives the same job and a changed one a new job. Stages, with the
 * task types of a single-raster job: validate (one task: the rasters listed again and their headers
 * read in place, refused unless they share CRS, band count and data type; split into batches) →
 * cog (one task per batch: each raster validated as a single one is, its COGs and thumbnail
 * written) → catalog (one task per batch: the items). A batch is one raster, more when the prefix
 * holds more rasters than a stage may have tasks.
 */
final class PrefixRasters {
    /** The endings a prefix job takes, case ignored (a zip is one raster's wrapper, not a prefix member). */
    static final List<String> ENDINGS = List.of(".tif", ".tiff", ".jp2", ".img");
    private static final String LISTING = "listing";

    /** The single-raster validate step (existing item check, download, SHA-256, inspection). */
    interface Validation {
        ObjectNode validate(String jobId, RasterParameters p);
    }

    private final BlobListing listing;
    private final PrefixSettings settings;
    private final RasterSettings rasterSettings;
    private final Database db;
    private final BlobFiles blobs;
    private final BlobFetcher fetcher;
    private final Validation validation;
    private final CogStage cogs;
    private final CatalogStage catalog;

    PrefixRasters(BlobListing listing, PrefixSettings settings, RasterSettings rasterSettings, Database db, BlobFiles blobs,
                  BlobFetcher fetcher, Validation validation, CogStage cogs, CatalogStage catalog) {
        this.listing = listing;
        this.settings = settings;
        this.rasterSettings = rasterSettings;
        this.db = db;
        this.blobs = blobs;
        this.fetcher = fetcher;
        this.validation = validation;
        this.cogs = cogs;
        this.catalog = catalog;
    }

    static boolean isPrefixJob(JsonNode parameters) {
        return parameters.has("blob_prefix");
    }

    static boolean isRaster(String blobName) {
        String lower = blobName.toLowerCase(Locale.ROOT);
        return ENDINGS.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length() && !lower.endsWith("/" + e));
    }

    /** Lists the prefix (names and ETags): its fingerprint and count join the parameters. 400 for a prefix without rasters. */
    ObjectNode withListing(ObjectNode parameters) {
        String container = parameters.get("container").asText();
        String prefix = parameters.get("blob_prefix").asText();
        if (!listing.containerExists(container)) throw new InvalidParametersException(List.of("container " + container + " does not exist"));
        BlobListing.Listing listed = listing.list(container, prefix, PrefixRasters::isRaster, settings.maxRasters());
        if (listed.truncated()) {
            throw new InvalidParametersException(List.of(container + "/" + prefix + " holds more than " + settings.maxRasters()
                    + " rasters (geoetl.raster.prefix-max-rasters); process it by narrower prefixes"));
        }
        if (listed.entries().isEmpty()) {
            throw new InvalidParametersException(List.of("no raster (" + String.join(", ", ENDINGS) + ") under " + container + "/" + prefix));
        }
        parameters.putObject(LISTING).put("fingerprint", listed.fingerprint()).put("rasters", listed.entries().size());
        return parameters;
    }

    String subject(JsonNode parameters) {
        return parameters.path("container").asText() + "/" + parameters.path("blob_prefix").asText() + " ("
                + parameters.path(LISTING).path("rasters").asInt() + " rasters)";
    }

    List<TaskSpec> planStage(int stage, String[] taskTypes, StageResults previous) {
        if (stage == 1) return List.of(new TaskSpec(taskTypes[0], Json.object()));
        List<TaskSpec> tasks = new ArrayList<>();
        List<JsonNode> batches = new ArrayList<>();
        if (stage == 2) previous.results().get(0).get("batches").forEach(batches::add);
        else previous.results().forEach(result -> batches.add(result.get("rasters")));
        for (JsonNode batch : batches) {
            ObjectNode task = Json.object();
            task.set("rasters", batch);
            tasks.add(new TaskSpec(taskTypes[stage - 1], task));
        }
        return tasks;
    }

    /** Runs the task of {@code stage}; after bad input removes what the job wrote, then rethrows. */
    JsonNode runTask(TaskContext context) {
        JsonNode job = context.jobParameters();
        try {
            return switch (context.stage()) {
                case 1 -> survey(job);
                case 2 -> writeCogs(context.jobId(), job, context.taskParameters().get("rasters"));
                case 3 -> writeItems(context.jobId(), job, context.taskParameters().get("rasters"));
                default -> throw new IllegalArgumentException("process_raster has 3 stages, not " + context.stage());
            };
        } catch (BadInputException e) {
            discard(context.jobId(), job, context.stage() > 1 ? context.taskParameters().get("rasters") : Json.array());
            throw e;
        }
    }

    /** The validate task: the listing as it is now, every header alike, the batches. */
    private ObjectNode survey(JsonNode job) {
        String container = job.get("container").asText();
        String prefix = job.get("blob_prefix").asText();
        BlobListing.Listing listed = listing.list(container, prefix, PrefixRasters::isRaster, settings.maxRasters());
        List<BlobListing.Entry> rasters = listed.entries();
        if (rasters.isEmpty()) throw new BadInputException("no raster is left under " + container + "/" + prefix);
        if (listed.truncated()) {
            throw new BadInputException(container + "/" + prefix + " now holds more than " + settings.maxRasters()
                    + " rasters (geoetl.raster.prefix-max-rasters)");
        }
        RasterHeaders.Kind kind = RasterHeaders.requireAlike(container, rasters, text(job, "source_crs"));
        int perTask = (rasters.size() + settings.maxTasks() - 1) / settings.maxTasks();
        ObjectNode result = Json.object();
        result.put("rasters", rasters.size());
        result.put("rasters_per_task", perTask);
        result.put("listing_unchanged", listed.fingerprint().equals(job.get(LISTING).get("fingerprint").asText()));
        result.putObject("kind").put("crs", kind.crs()).put("bands", kind.bands()).put("data_types", kind.dataTypes());
        ArrayNode batches = result.putArray("batches");
        ArrayNode batch = null;
        for (int i = 0; i < rasters.size(); i++) {
            if (i % perTask == 0) batch = batches.addArray();
            batch.add(rasters.get(i).name());
        }
        return result;
    }

    /** The cog task: each raster of the batch validated, its COGs (every tier it fits) and thumbnail written; its local copy freed. */
    private ObjectNode writeCogs(String jobId, JsonNode job, JsonNode batch) {
        ObjectNode result = Json.object();
        ArrayNode written = result.putArray("rasters");
        for (JsonNode name : batch) {
            RasterParameters p = forBlob(job, name.asText());
            try {
                requireOwnItem(p);
                // the item may replace one an earlier listing's job made of the same blob (checked above), so no second check
                ObjectNode validated = validation.validate(jobId, p.withOverwrite());
                ObjectNode raster = written.addObject().put("blob_name", p.blobName()).put("item_id", p.itemId());
                ArrayNode tiers = raster.putArray("cogs");
                for (JsonNode tier : validated.get("inspection").get("tiers")) {
                    ObjectNode task = Json.object().put("tier", tier.asText()).put("thumbnail", tiers.isEmpty());
                    task.set("source", validated.get("source"));
                    task.set("inspection", validated.get("inspection"));
                    tiers.add(cogs.run(jobId, p, task));
                }
            } finally {
                fetcher.discard(jobId, RasterSource.slot(p));
            }
        }
        return result;
    }

    /** Without overwrite, an item made of another blob (another job's, or a single-raster job's item_id) is not replaced. */
    private void requireOwnItem(RasterParameters p) {
        if (p.overwrite()) return;
        List<String> others = db.inTransaction(tx -> tx.cogMetadata().otherSourcesOf(p.collectionId(), p.itemId(), p.source()));
        if (!others.isEmpty()) {
            throw new BadInputException("item " + p.collectionId() + "/" + p.itemId() + " of " + p.source() + " already exists, made of "
                    + others.get(0) + "; pass overwrite=true to replace it, or use another collection_id");
        }
    }

    /** The catalog task: one item per raster of the batch. */
    private ObjectNode writeItems(String jobId, JsonNode job, JsonNode batch) {
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        for (JsonNode raster : batch) {
            RasterParameters p = forBlob(job, raster.get("blob_name").asText());
            ObjectNode item = catalog.run(jobId, p, raster.get("cogs"));
            items.addObject().put("blob_name", p.blobName()).put("item_id", p.itemId()).put("item_url", item.get("item_url").asText());
        }
        return result;
    }

    /** The job's result: the listing, and every item with its URL. */
    JsonNode finish(JsonNode job, StageResults lastStage) {
        ObjectNode result = Json.object();
        result.put("collection", job.get("collection_id").asText());
        result.put("listing_fingerprint", job.get(LISTING).get("fingerprint").asText());
        ArrayNode items = Json.array();
        lastStage.results().forEach(task -> task.get("items").forEach(items::add));
        result.put("rasters", items.size());
        result.set("items", items);
        return result;
    }

    /** The items, their COGs and thumbnails (from the job's result), and the app.cog_metadata rows of the job. */
    List<JobOutput> outputs(Job job) {
        List<JobOutput> outputs = new ArrayList<>();
        String collection = job.parameters().get("collection_id").asText();
        if (job.result() != null) {
            for (JsonNode item : job.result().path("items")) {
                RasterParameters p = forBlob(job.parameters(), item.get("blob_name").asText());
                outputs.add(new JobOutput.StacItem(collection, p.itemId()));
                for (Tier tier : Tier.values()) outputs.add(new JobOutput.BlobPrefix(rasterSettings.silverContainer(), CogStage.cogBlob(p, tier)));
                outputs.add(new JobOutput.BlobPrefix(rasterSettings.silverContainer(), CogStage.thumbnailBlob(p)));
            }
        }
        outputs.add(new JobOutput.Rows("app", "cog_metadata", "job_id", job.jobId()));
        return outputs;
    }

    /** After bad input: the job's local copies, the silver blobs of every item it wrote or was writing, its app.cog_metadata rows. */
    private void discard(String jobId, JsonNode job, JsonNode batch) {
        fetcher.discard(jobId);
        String collection = job.get("collection_id").asText();
        List<String> itemIds = new ArrayList<>(db.inTransaction(tx -> tx.cogMetadata().itemsOfJob(collection, jobId)));
        for (JsonNode raster : batch) itemIds.add(RasterParameters.defaultItemId(raster.isTextual() ? raster.asText() : raster.get("blob_name").asText()));
        for (String itemId : itemIds) {
            String base = "cogs/" + collection + "/" + itemId;
            for (Tier tier : Tier.values()) blobs.delete(rasterSettings.silverContainer(), base + "_" + tier.value() + ".tif");
            blobs.delete(rasterSettings.silverContainer(), base + "_thumbnail.png");
        }
        db.inTransaction(tx -> tx.cogMetadata().deleteOfJob(jobId));
    }

    /** One raster of the job, as a single-raster job would have it: its blob_name and the item id derived from its path. */
    static RasterParameters forBlob(JsonNode job, String blobName) {
        ObjectNode one = job.deepCopy();
        one.remove("blob_prefix");
        one.remove(LISTING);
        one.put("blob_name", blobName).put("item_id", RasterParameters.defaultItemId(blobName));
        return RasterParameters.of(one);
    }

    private static String text(JsonNode p, String name) {
        JsonNode node = p.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
