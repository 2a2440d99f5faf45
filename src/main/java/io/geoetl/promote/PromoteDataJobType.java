package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.store.Database;
import io.geoetl.store.PromotableTables;
import io.geoetl.store.PromotionRefusedException;
import io.geoetl.store.StoreException;
import io.geoetl.store.TableName;
import java.util.List;
import java.util.Map;

/**
 * promote_data: a staging table copied to the production database (README, section
 * "promote_data"). Stages: promote (the copy, by the local or the adf backend) → verify (row
 * counts and checksums, then publishing). The job id carries the source's version (the ingest
 * job in its catalog row, or a fingerprint), so promoting an unchanged source again is the same
 * job, and a reloaded source a new one. Every job keeps an audit row in app.promotions.
 */
public final class PromoteDataJobType implements JobType {
    public static final String NAME = "promote_data";
    private static final String PROMOTE = "promote";
    private static final String VERIFY = "verify";
    private final Database staging;
    private final PromoteSettings settings;
    private final Map<String, PromotionBackend> backends;
    private final ParameterSchema parameters;

    PromoteDataJobType(Database staging, PromoteSettings settings, Map<String, PromotionBackend> backends) {
        this.staging = staging;
        this.settings = settings;
        this.backends = backends;
        this.parameters = PromoteParameters.schema(settings.defaultBackend());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Copies a staging table to production (local streamed COPY or Azure Data Factory), verifies it and records the "
                + "promotion with its lineage.";
    }

    @Override
    public ParameterSchema parameters() {
        return parameters;
    }

    /** Form first; then, only for well-formed names, what the staging database says (source exists, its version). */
    @Override
    public ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = parameters.read(raw);
        PromoteParameters.Tables tables = PromoteParameters.read(reader, settings.allowedTargetSchemas());
        TableName source = tables.source();
        TableName target = tables.target();
        String given = raw == null ? null : raw.path(PromoteParameters.SOURCE_VERSION).textValue();
        String version = null;
        if (source != null) {
            version = staging.inTransaction(tx -> {
                PromotableTables staged = tx.promotableTables();
                if (!staged.isTable(source.schema(), source.table())) return null;
                String ingest = staged.catalogJobId(source.schema(), source.table());
                return ingest != null ? ingest : "fingerprint:" + staged.fingerprint(source.schema(), source.table());
            });
            if (version == null) reader.reject("source " + source + " is not a table in the staging database");
        }
        if (source != null && source.equals(target) && settings.sameDatabase()) {
            reader.reject("source and target are the same table and staging and production are the same database");
        }
        String backend = raw != null && raw.path("backend").isTextual() ? raw.path("backend").textValue() : settings.defaultBackend();
        if (!backends.containsKey(backend) && (backend.equals(PromoteParameters.LOCAL) || backend.equals(PromoteParameters.ADF))) {
            reader.reject("backend " + backend + " is not configured on this router (" + (backend.equals(PromoteParameters.ADF)
                    ? "geoetl.promote.adf.subscription-id, resource-group, factory" : "geoetl.production-db.url") + ")");
        }
        ObjectNode normalised = reader.done();
        return given != null ? normalised : PromoteParameters.withVersion(normalised, version);
    }

    @Override
    public List<String> stageNames() {
        return List.of(PROMOTE, VERIFY);
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        return switch (stage) {
            case 1 -> List.of(new TaskSpec(PROMOTE, Json.object()));
            case 2 -> List.of(new TaskSpec(VERIFY, previous.results().get(0)));
            default -> throw new IllegalArgumentException("promote_data has 2 stages, not " + stage);
        };
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        PromoteParameters p = PromoteParameters.of(context.jobParameters());
        String jobId = context.jobId();
        PromotionBackend backend = backends.get(p.backend());
        if (backend == null) throw new BadInputException("backend " + p.backend() + " is not configured on this router");
        try {
            return switch (context.taskType()) {
                case PROMOTE -> {
                    staging.inTransaction(tx -> {
                        String requestedBy = PromoteParameters.requestedBy(context.jobParameters(), () -> tx.promotions().submitter(jobId));
                        tx.promotions().start(jobId, p.backend(), p.mode(), p.source().toString(), p.sourceVersion(), p.target().toString(),
                                requestedBy);
                        return null;
                    });
                    JsonNode promoted = backend.promote(jobId, p);
                    staging.inTransaction(tx -> {
                        tx.promotions().recordRows(jobId, promoted.path("rows_read").asLong(), promoted.path("rows_written").asLong());
                        return null;
                    });
                    yield promoted;
                }
                case VERIFY -> {
                    JsonNode promoted = context.taskParameters();
                    JsonNode verified = backend.verify(jobId, p, promoted);
                    ObjectNode result = Json.object();
                    result.put("source", p.source().toString());
                    result.put("target", p.target().toString());
                    result.put("mode", p.mode());
                    result.put("backend", p.backend());
                    result.put("source_version", p.sourceVersion());
                    for (String field : List.of("rows_read", "rows_written", "adf_run_id", "already_written", LocalPromoter.STAC_ITEM)) {
                        if (promoted.has(field)) result.set(field, promoted.get(field));
                    }
                    if (verified.has(LocalPromoter.STAC_ITEM)) result.set(LocalPromoter.STAC_ITEM, verified.get(LocalPromoter.STAC_ITEM));
                    if (verified.has("verification")) result.set("verification", verified.get("verification"));
                    ObjectNode timings = result.putObject("timings_ms");
                    promoted.path("timings_ms").fields().forEachRemaining(e -> timings.set(e.getKey(), e.getValue()));
                    verified.path("timings_ms").fields().forEachRemaining(e -> timings.set(e.getKey(), e.getValue()));
                    staging.inTransaction(tx -> {
                        tx.promotions().complete(jobId, verified.has("verification") ? Json.write(verified.get("verification")) : null,
                                result.path(LocalPromoter.STAC_ITEM).textValue());
                        return null;
                    });
                    yield result;
                }
                default -> throw new IllegalArgumentException("promote_data has no task type " + context.taskType());
            };
        } catch (BadInputException e) {
            recordFailure(jobId, e.getMessage());
            throw e;
        } catch (PromotionRefusedException e) {
            recordFailure(jobId, e.getMessage());
            throw new BadInputException(e.getMessage(), e);
        } catch (StoreException e) {
            if (!e.isPermanent()) throw e;
            String message = "the database refused the promotion: " + e.getMessage();
            recordFailure(jobId, message);
            throw new BadInputException(message, e);
        }
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        return lastStage.results().get(0);
    }

    private void recordFailure(String jobId, String message) {
        staging.inTransaction(tx -> {
            tx.promotions().fail(jobId, message);
            return null;
        });
    }
}
