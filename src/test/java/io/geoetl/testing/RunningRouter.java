package io.geoetl.testing;

import io.geoetl.GeoetlMain;
import io.geoetl.GeoetlConfiguration;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.TaskQueue;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * A real router (the real main class, routes/*.yaml and config/) started in this JVM against
 * the test services, on a free HTTP port and, by default, a task queue of its own.
 */
public final class RunningRouter implements AutoCloseable {
    private final Main main;
    private final int port;
    private final String queue;

    private RunningRouter(Main main, int port, String queue) {
        this.main = main;
        this.port = port;
        this.queue = queue;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String queueName() {
        return queue;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return camel().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<Consumer<JobTypeRegistry>> jobTypes = new ArrayList<>();
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private String queue = "test-" + UUID.randomUUID().toString().substring(0, 8);
        private ServiceAddresses services;
        private UnaryOperator<TaskQueue> decorator = UnaryOperator.identity();

        /** Other services than the shared test ones (e.g. {@link PrivateServices}). */
        public Builder services(ServiceAddresses services) {
            this.services = services;
            return this;
        }

        /** Wraps the task queue (fault tests: duplicate or reorder deliveries). */
        public Builder decorateTaskQueue(UnaryOperator<TaskQueue> decorator) {
            this.decorator = decorator;
            return this;
        }

        /** Shares a queue with another router (competing consumers). */
        public Builder queue(String name) {
            this.queue = name;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** A bean in the registry before the binders run (a binder may take it instead of its default). */
        public Builder bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        public Builder jobTypes(Consumer<JobTypeRegistry> registration) {
            jobTypes.add(registration);
            return this;
        }

        public RunningRouter start() {
            ServiceAddresses services = this.services == null ? ServiceAddresses.shared() : this.services;
            SecretLedger.record(List.of());
            int port = freePort();
            Main main = GeoetlMain.create(new GeoetlConfiguration(jobTypes).decorateTaskQueue(decorator));
            main.addOverrideProperty("geoetl.db.url", services.dbUrl());
            main.addOverrideProperty("geoetl.db.user", services.dbUser());
            main.addOverrideProperty("geoetl.db.password", services.dbPassword());
            main.addOverrideProperty("geoetl.storage.connection-string", services.storageConnectionString());
            main.addOverrideProperty("geoetl.storage.account", services.storageAccount());
            main.addOverrideProperty("geoetl.auth.api-key", Api.TEST_API_KEYS);
            main.addOverrideProperty("geoetl.queue.tasks", queue);
            main.addOverrideProperty("geoetl.queue.poison", queue + "-poison");
            main.addOverrideProperty("camel.server.port", String.valueOf(port));
            main.addOverrideProperty("geoetl.worker.poll-delay", "100");
            // blob-drop triggers watch shared places (the bronze container, ./inbox): off unless a test turns one on
            main.addOverrideProperty("geoetl.blob-drop.events.enabled", "false");
            main.addOverrideProperty("geoetl.blob-drop.poll.enabled", "false");
            main.addOverrideProperty("geoetl.blob-drop.inbox.enabled", "false");
            properties.forEach(main::addOverrideProperty);
            beans.forEach(main::bind);
            // environment variables (GEOETL_DB_URL from .state/env…) must not beat the test services
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport support) {
                    ((PropertiesComponent) support.getCamelContext().getPropertiesComponent())
                            .setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
                }
            });
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("router did not start", e);
            }
            return new RunningRouter(main, port, queue);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
