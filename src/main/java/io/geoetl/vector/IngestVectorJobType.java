package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.JobStatus;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import io.geoetl.store.Identifiers;
import io.geoetl.store.StoreException;
import io.geoetl.store.VectorTableRepository;
import io.geoetl.work.BlobFetcher;
import java.util.ArrayList;
import java.util.List;

/**
 * ingest_vector: a vector file in blob storage becomes a clean, indexed PostGIS table (README,
 * section "ingest_vector"). Stages: prepare (one task) → load (one task per chunk, in parallel)
 * → finalize (one task). Bad input fails the job at once and removes everything it wrote.
 */
public final class IngestVectorJobType implements JobType {
    /** The declaration of ingest_vector's parameters (README, section "ingest_vector"). */
    public static final ParameterSchema PARAMETERS = IngestParameters.PARAMETERS;
    public static final String NAME = "ingest_vector";
    private static final String PREPARE = "prepare";
    private static final String LOAD = "load";
    private static final String FINALIZE = "finalize";
    private final Database db;
    private final Leftovers leftovers;
    private final Preparer preparer;
    private final ChunkLoader loader;
    private final Finalizer finalizer;
    private final VectorStacItem stacItem;

    /** {@code fetcher} brings blobs into the work folders shared with other job types. */
    public IngestVectorJobType(Database db, BlobFiles blobs, BlobFetcher fetcher, VectorSettings settings) {
        GdalRuntime.init();
        this.db = db;
        SourceFetcher source = new SourceFetcher(blobs, fetcher, settings.maxFileBytes());
        this.leftovers = new Leftovers(db, fetcher, settings.leftoverMaxAge());
        this.preparer = new Preparer(db, source, leftovers, settings.maxChunks());
        this.loader = new ChunkLoader(db, source);
        this.stacItem = new VectorStacItem(settings.stacCollection(), settings.publicBaseUrl());
        this.finalizer = new Finalizer(db, leftovers, stacItem, new IndexBuildSlots(settings.indexBuilds()));
    }

    /**
     * The table name an ingest gets when none is given, for HTTP submissions and blob drops alike:
     * the file name without folders and endings, sanitised ("in/Straßen 2024.GeoJSON" → strassen_2024).
     */
    public static String defaultTableName(String blobName) {
        return SqlNames.tableNameFor(blobName);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Loads a vector file (GeoJSON, GeoPackage, zipped Shapefile or FileGDB, CSV, KML/KMZ, GPX) from a blob into "
                + "PostGIS: cleaned, reprojected, in parallel chunks, swapped in atomically and catalogued.";
    }

    @Override
    public ParameterSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        return normaliseParameters(raw);
    }

    /** Validates and normalises ingest_vector parameters (also for stand-ins that must refuse what this type refuses). */
    public static ObjectNode normaliseParameters(JsonNode raw) {
        return IngestParameters.normalise(raw);
    }

    /** 409 when a target table exists and may not be replaced (see {@link TargetTables}). */
    @Override
    public void admit(JsonNode parameters) {
        IngestParameters p = IngestParameters.of(parameters);
        db.inTransaction(tx -> {
            TargetTables.check(tx, p);
            return null;
        });
    }

    @Override
    public String subject(JsonNode parameters) {
        return parameters.path("container").asText() + "/" + parameters.path("blob_name").asText() + " -> "
                + parameters.path("table_name").asText();
    }

    @Override
    public List<String> stageNames() {
        return List.of(PREPARE, LOAD, FINALIZE);
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        return switch (stage) {
            case 1 -> List.of(new TaskSpec(PREPARE, Json.object()));
            case 2 -> {
                List<TaskSpec> loads = new ArrayList<>();
                previous.results().get(0).get("chunks").forEach(chunk -> loads.add(new TaskSpec(LOAD, chunk)));
                yield loads;
            }
            case 3 -> List.of(new TaskSpec(FINALIZE, summarise(previous)));
            default -> throw new IllegalArgumentException("ingest_vector has 3 stages, not " + stage);
        };
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        IngestParameters p = IngestParameters.of(context.jobParameters());
        try {
            return switch (context.taskType()) {
                case PREPARE -> preparer.prepare(context.jobId(), p);
                case LOAD -> loader.load(context.jobId(), p, Chunk.fromJson(context.taskParameters()));
                case FINALIZE -> finalizer.finish(context.jobId(), p, CleaningCounts.fromJson(context.taskParameters().get("cleaning")),
                        FamilyExtents.fromJson(context.taskParameters().get("families")));
                default -> throw new IllegalArgumentException("ingest_vector has no task type " + context.taskType());
            };
        } catch (BadInputException e) {
            leftovers.discard(context.jobId());
            throw e;
        } catch (StoreException e) {
            if (!e.isPermanent()) throw e;
            leftovers.discard(context.jobId());
            throw new BadInputException("the database refused the data: " + e.getMessage(), e);
        }
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        return lastStage.results().get(0);
    }

    /**
     * For cleanup: the published tables this job still owns (named in its result, or the planned
     * names when it has none, and kept only while their geo.table_catalog row names this job, so
     * cleaning up an old ingest never drops the table a newer one replaced it with), then the
     * job's catalog rows. A job that did not complete may have left its staging tables and
     * registration (bad input removes them at once; a job whose retries ran out does not): those
     * are listed too, and so is each published table's STAC item. Work folders are local to the router that ran the task; Leftovers sweeps them.
     */
    @Override
    public List<JobOutput> outputs(Job job) {
        IngestParameters p = IngestParameters.of(job.parameters());
        List<String> candidates = new ArrayList<>();
        JsonNode published = job.result() == null ? null : job.result().get("tables");
        if (published != null && published.isArray()) {
            published.forEach(table -> candidates.add(table.asText()));
        } else {
            candidates.addAll(p.possibleTables());
        }
        List<String> owned = db.inTransaction(tx -> tx.catalog().tablesOfJob(job.jobId()));
        List<JobOutput> outputs = new ArrayList<>();
        candidates.stream().filter(owned::contains).forEach(table -> {
            outputs.add(new JobOutput.Table(p.schema(), table, job.jobId()));
            outputs.add(new JobOutput.StacItem(stacItem.collection(), VectorStacItem.itemId(p.schema(), table)));
        });
        outputs.add(new JobOutput.Rows("geo", "table_catalog", "job_id", job.jobId()));
        if (job.status() != JobStatus.COMPLETED) {
            String staging = IngestPlan.stagingTableFor(job.jobId());
            outputs.add(new JobOutput.Table(VectorTableRepository.STAGING_SCHEMA, staging));
            for (GeometryFamily family : GeometryFamily.values()) {
                outputs.add(new JobOutput.Table(VectorTableRepository.STAGING_SCHEMA, Identifiers.withSuffix(staging, family.tableSuffix())));
            }
            outputs.add(new JobOutput.Rows("app", "vector_ingests", "job_id", job.jobId()));
        }
        return outputs;
    }

    /** The load stage summed up for finalize: cleaning counts and rows/extent per family. */
    private static JsonNode summarise(StageResults loads) {
        CleaningCounts cleaning = new CleaningCounts();
        FamilyExtents families = new FamilyExtents();
        for (JsonNode load : loads.results()) {
            cleaning.add(CleaningCounts.fromJson(load.get("cleaning")));
            families.addAll(FamilyExtents.fromJson(load.get("families")));
        }
        ObjectNode summary = Json.object();
        summary.set("cleaning", cleaning.toJson());
        summary.set("families", families.toJson());
        return summary;
    }
}
