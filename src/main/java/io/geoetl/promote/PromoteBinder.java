package io.geoetl.promote;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.store.Database;
import io.geoetl.store.TableTransfer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires promotion (settings geoetl.production-db.* and geoetl.promote.*): the production
 * database (opened on the first promotion, closed when the router stops), the promote_data job type with its backends, and the beans of routes/promotion.yaml
 * (promotionApi, lineageApi, promotionSchedule).
 */
public final class PromoteBinder implements ModuleBinder {
    private static final Logger LOG = LoggerFactory.getLogger(PromoteBinder.class);
    /**
     * Beans that, when bound before start, replace the adf backend's DefaultAzureCredential and the
     * SDK's HTTP client: a Resource Manager behind a private certificate authority (the tests' stand-in).
     */
    public static final String ADF_CREDENTIAL = "adfCredential";
    public static final String ADF_HTTP_CLIENT = "adfHttpClient";

    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        JobTypeRegistry jobTypes = wiring.bean("jobTypeRegistry", JobTypeRegistry.class);
        JobService jobService = wiring.bean("jobService", JobService.class);
        String stagingUrl = settings.text("geoetl.db.url").trim();
        String productionUrl = settings.optional("geoetl.production-db.url");
        boolean same = stagingUrl.equals(productionUrl);
        PromoteSettings promote = new PromoteSettings(settings.set("geoetl.promote.allowed-target-schemas"),
                settings.text("geoetl.promote.backend").trim(), settings.integer("geoetl.promote.copy-buffer-bytes"), same);
        Map<String, PromotionBackend> backends = new HashMap<>();
        if (productionUrl.isEmpty()) {
            LOG.warn("geoetl.production-db.url is empty: promote_data submissions are refused until a production database is configured");
        } else {
            String user = settings.text("geoetl.production-db.user");
            String password = settings.secret("geoetl.production-db.password");
            int poolSize = settings.integer("geoetl.production-db.pool-size");
            String applicationName = settings.text("geoetl.db.application-name").trim() + "-production";
            Supplier<Database> opener = same ? () -> database : () -> new Database(productionUrl, user, password, poolSize, applicationName);
            ProductionDatabase productionSide = wiring.closeOnStop(new ProductionDatabase(opener,
                    !same && settings.bool("geoetl.production-db.migrate"), !same));
            Supplier<TableTransfer> transfer = () -> new TableTransfer(database, productionSide.ready(), promote.copyBufferBytes());
            PromotedItems items = new PromotedItems(settings.text("geoetl.stac.vector-collection").trim(),
                    settings.optional("geoetl.promote.production-base-url"));
            backends.put(PromoteParameters.LOCAL, new LazyBackend(() -> new LocalPromoter(transfer.get(), items)));
            AdfSettings adf = adfSettings(settings);
            if (adf.configured()) {
                TokenCredential credential = wiring.camel().getRegistry().lookupByNameAndType(ADF_CREDENTIAL, TokenCredential.class);
                HttpClient httpClient = wiring.camel().getRegistry().lookupByNameAndType(ADF_HTTP_CLIENT, HttpClient.class);
                backends.put(PromoteParameters.ADF, new LazyBackend(() -> new AdfPromoter(database, new AdfPipelineRuns(adf,
                        credential != null ? credential : new DefaultAzureCredentialBuilder().build(), httpClient), transfer.get(), adf, items)));
            }
        }
        PromoteDataJobType type = new PromoteDataJobType(database, promote, backends);
        jobTypes.register(type);

        wiring.bind("promotionApi", new PromotionApi(database));
        wiring.bind("lineageApi", new LineageApi(database));
        wiring.bind("promotionSchedule", new PromotionSchedule(database, jobService, type,
                SchedulePairs.parse(settings.optional("geoetl.promote.schedule.pairs"))));
        if (!productionUrl.isEmpty() && !backends.containsKey(promote.defaultBackend())) {
            throw new IllegalStateException("geoetl.promote.backend is " + promote.defaultBackend() + ", which is not configured (backends: "
                    + backends.keySet() + "); set geoetl.promote.adf.subscription-id, resource-group and factory, or choose local");
        }
        LOG.info("promotion: production database {}, backends {}, default {}, target schemas {}", same ? "= staging" : "separate",
                backends.keySet(), promote.defaultBackend(), promote.allowedTargetSchemas());
    }

    static AdfSettings adfSettings(Settings settings) {
        return new AdfSettings(settings.optional("geoetl.promote.adf.subscription-id"), settings.optional("geoetl.promote.adf.resource-group"),
                settings.optional("geoetl.promote.adf.factory"), settings.text("geoetl.promote.adf.pipeline").trim(),
                settings.text("geoetl.promote.adf.resource-manager-endpoint").trim(), settings.optional("geoetl.promote.adf.tenant-id"),
                settings.duration("geoetl.promote.adf.poll-first"), settings.duration("geoetl.promote.adf.poll-max"),
                settings.duration("geoetl.promote.adf.timeout"), settings.duration("geoetl.promote.adf.look-back"));
    }
}
