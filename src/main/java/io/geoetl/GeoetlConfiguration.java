package io.geoetl;

import io.geoetl.config.ModuleBinder;
import io.geoetl.console.ConsoleBinder;
import io.geoetl.config.Wiring;
import io.geoetl.drop.DropBinder;
import io.geoetl.features.FeaturesBinder;
import io.geoetl.gdal.GdalBinder;
import io.geoetl.http.HttpBinder;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.OrchestrationBinder;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.jobs.hello.HelloWorldBinder;
import io.geoetl.ops.MetricsBinder;
import io.geoetl.ops.OpsBinder;
import io.geoetl.promote.PromoteBinder;
import io.geoetl.raster.RasterBinder;
import io.geoetl.raster.catalog.CatalogBinder;
import io.geoetl.stac.StacBinder;
import io.geoetl.storage.StorageBinder;
import io.geoetl.store.StoreBinder;
import io.geoetl.vector.VectorBinder;
import io.geoetl.work.WorkBinder;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Binds geoetl's beans for the routes by calling each module's binder in order (each reads its
 * own settings from config/application*.properties, where every key is documented). Order
 * matters: services first, then the orchestration, then the job types and triggers, the
 * operations, and the HTTP API last. Pass an instance to Camel Main (see {@link GeoetlMain}):
 * Camel 4.17 runs factory methods twice when it creates the class itself.
 */
public class GeoetlConfiguration implements CamelConfiguration {
    private final List<Consumer<JobTypeRegistry>> extraJobTypes;
    private UnaryOperator<TaskQueue> taskQueueDecorator = UnaryOperator.identity();

    public GeoetlConfiguration() {
        this(List.of());
    }

    /** {@code extraJobTypes} lets tests and embedders register more job types. */
    public GeoetlConfiguration(List<Consumer<JobTypeRegistry>> extraJobTypes) {
        this.extraJobTypes = extraJobTypes;
    }

    /** Wraps the task queue every service rings doorbells on (fault tests: duplicate or reorder deliveries). */
    public GeoetlConfiguration decorateTaskQueue(UnaryOperator<TaskQueue> decorator) {
        this.taskQueueDecorator = decorator;
        return this;
    }

    @Override
    public void configure(CamelContext camel) {
        Wiring wiring = new Wiring(camel);
        for (ModuleBinder binder : binders()) {
            binder.bind(wiring);
        }
    }

    private List<ModuleBinder> binders() {
        return List.of(
                new StoreBinder(),
                new StorageBinder(),
                new GdalBinder(),
                new MetricsBinder(),
                new OrchestrationBinder(taskQueueDecorator),
                new HelloWorldBinder(),
                wiring -> extraJobTypes.forEach(extra -> extra.accept(wiring.bean("jobTypeRegistry", JobTypeRegistry.class))),
                new WorkBinder(),
                new VectorBinder(),
                new RasterBinder(),
                new CatalogBinder(),
                new PromoteBinder(),
                new DropBinder(),
                new OpsBinder(),
                new HttpBinder(),
                new FeaturesBinder(),
                new StacBinder(),
                new ConsoleBinder());
    }
}
