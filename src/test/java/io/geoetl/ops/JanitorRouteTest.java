package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * routes/janitor.yaml with the real config/application.properties, on camel-test-junit5: the
 * quartz route calls the janitor bean on its cron and, being stateful, never starts a sweep while
 * the last one still runs. (What a sweep repairs is JanitorTest's subject, against PostgreSQL.)
 */
class JanitorRouteTest extends CamelTestSupport {
    /** Stands in for the janitor bean: each sweep outlasts the one-second cron used here. */
    public static final class SlowSweeps {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger sweeps = new AtomicInteger();

        public void sweep() throws InterruptedException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(1500);
            sweeps.incrementAndGet();
            running.decrementAndGet();
        }
    }

    private final SlowSweeps janitor = new SlowSweeps();

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties overrides = new Properties();
        overrides.setProperty("geoetl.janitor.cron", "0/1 * * * * ?");
        configuration.withUseOverridePropertiesWithPropertiesComponent(overrides);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getPropertiesComponent().setLocation("file:config/application.properties");
        return camel;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("janitor", janitor);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "file:routes/janitor.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    @Test
    void theJanitorSweepsOnItsCronAndNeverTwiceAtOnce() {
        NotifyBuilder threeSweeps = new NotifyBuilder(context).fromRoute("janitor").whenCompleted(3).create();

        assertThat(threeSweeps.matches(20, TimeUnit.SECONDS)).as("three sweeps within 20 s").isTrue();

        assertThat(janitor.sweeps.get()).isGreaterThanOrEqualTo(3);
        assertThat(janitor.mostAtOnce.get()).as("sweeps running at once").isEqualTo(1);
        assertThat(context.getRouteController().getRouteStatus("janitor").isStarted()).isTrue();
    }
}
