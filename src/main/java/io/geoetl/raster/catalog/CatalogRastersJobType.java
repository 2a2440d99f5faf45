package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.storage.BlobListing;
import java.util.ArrayList;
import java.util.List;

/**
 * catalog_rasters (docs/catalog-rasters.md): every raster under a container/prefix gets a STAC
 * item pointing at the blob where it lies, recording whether it already is a valid COG. Stages:
 * plan (one task: the listing, in batches) → catalog (one task per batch). The job's identity
 * includes the listing's fingerprint (names + ETags), so the same listing answers the same job
 * and a changed one makes a new job. Unreadable rasters fail their task, not the job: it ends
 * completed_with_errors, the task's error naming them.
 */
public final class CatalogRastersJobType implements JobType {
    public static final String NAME = "catalog_rasters";
    private static final String PLAN = "plan";
    private static final String CATALOG = "catalog";
    private final ParameterSchema parameters;
    private final BlobListing listing;
    private final CatalogSettings settings;
    private final CatalogPlan plan;
    private final CatalogTask catalog;

    CatalogRastersJobType(BlobListing listing, CatalogSettings settings, CatalogPlan plan, CatalogTask catalog) {
        this.parameters = CatalogParameters.schema(settings.collection());
        this.listing = listing;
        this.settings = settings;
        this.plan = plan;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Catalogues every raster (.tif, .tiff, .jp2, .img) under a container/prefix where it lies: a STAC item per raster "
                + "pointing at its blob, recording whether it already is a valid Cloud-Optimized GeoTIFF.";
    }

    @Override
    public ParameterSchema parameters() {
        return parameters;
    }

    /** Validates, then lists the prefix (names and ETags only): the listing's fingerprint joins the parameters. */
    @Override
    public ObjectNode normalise(JsonNode raw) {
        return CatalogParameters.normalise(parameters, raw, listing, settings.maxRasters());
    }

    @Override
    public boolean listsStorageOnSubmit(JsonNode raw) {
        return true;
    }

    @Override
    public String subject(JsonNode parameters) {
        CatalogParameters p = CatalogParameters.of(parameters);
        return p.container() + "/" + p.prefix() + " (" + p.rasters() + " rasters)";
    }

    @Override
    public List<String> stageNames() {
        return List.of(PLAN, CATALOG);
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        return switch (stage) {
            case 1 -> List.of(new TaskSpec(PLAN, Json.object()));
            case 2 -> {
                List<TaskSpec> tasks = new ArrayList<>();
                for (JsonNode batch : previous.results().get(0).get("batches")) {
                    ObjectNode task = Json.object();
                    task.set("rasters", batch);
                    tasks.add(new TaskSpec(CATALOG, task));
                }
                yield tasks;
            }
            default -> throw new IllegalArgumentException("catalog_rasters has 2 stages, not " + stage);
        };
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        CatalogParameters p = CatalogParameters.of(context.jobParameters());
        return switch (context.taskType()) {
            case PLAN -> plan.run(p);
            case CATALOG -> catalog.run(context.jobId(), p, context.taskParameters().get("rasters"));
            default -> throw new IllegalArgumentException("catalog_rasters has no task type " + context.taskType());
        };
    }

    /** Counts over the catalog tasks that completed; a failed task's error names its unreadable rasters. */
    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        CatalogParameters p = CatalogParameters.of(parameters);
        ObjectNode result = Json.object();
        result.put("collection", p.collectionId());
        result.put("listing_fingerprint", p.fingerprint());
        result.put("rasters", p.rasters());
        long catalogued = 0;
        long cogs = 0;
        for (JsonNode task : lastStage.results()) {
            if (task == null) continue;
            catalogued += task.get("catalogued").asLong();
            cogs += task.get("valid_cogs").asLong();
        }
        result.put("catalogued_by_complete_tasks", catalogued);
        result.put("valid_cogs_by_complete_tasks", cogs);
        result.put("tasks_with_unreadable_rasters", lastStage.failedTasks());
        return result;
    }

    @Override
    public boolean toleratesTaskFailures() {
        return true;
    }

    /** The STAC items this job wrote last (a later run over the same blobs takes them over). */
    @Override
    public List<JobOutput> outputs(Job job) {
        return List.of(new JobOutput.Rows("stac", "items", "job_id", job.jobId()));
    }
}
