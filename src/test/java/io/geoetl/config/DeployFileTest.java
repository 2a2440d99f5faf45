package io.geoetl.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** deploy/containerapp.yaml sets only real settings, probes paths the router serves, and scales on a query that runs. */
class DeployFileTest {
    private static final Path DEPLOY = Path.of("deploy/containerapp.yaml");
    /** Read by GeoetlMain itself, or by the Azure SDK (DefaultAzureCredential), not settings in config/. */
    private static final Set<String> NOT_SETTINGS = Set.of("GEOETL_PROFILE", "GEOETL_HOME", "AZURE_CLIENT_ID");

    @Test
    void everyEnvironmentVariableIsARealSetting() throws IOException {
        Set<String> settings = settingVariables();
        List<String> env = container().get("env") instanceof List<?> list
                ? list.stream().map(e -> (String) ((Map<?, ?>) e).get("name")).toList() : List.of();

        assertThat(env).contains("GEOETL_PROFILE", "GEOETL_DB_URL", "GEOETL_STORAGE_ACCOUNT", "GEOETL_WORK_DIR");
        assertThat(env).allSatisfy(name -> assertThat(NOT_SETTINGS.contains(name) || settings.contains(name))
                .as(name + " is a setting in config/application.properties (or read by GeoetlMain / the Azure SDK)").isTrue());
        assertThat(settings).as("the mapping itself").contains("GEOETL_DB_URL", "GEOETL_WORKER_CONCURRENCY");
    }

    @Test
    void theGracePeriodOutlastsCamelsShutdownTimeoutByAtLeastFifteenSeconds() throws IOException {
        int grace = ((Number) template().get("terminationGracePeriodSeconds")).intValue();
        int camelTimeout = Integer.parseInt(properties().getProperty("camel.main.shutdownTimeout").trim());

        assertThat(grace).isGreaterThanOrEqualTo(camelTimeout + 15);
    }

    @Test
    void theProbePathsAnswerOnARunningRouter() throws IOException {
        List<String> paths = new ArrayList<>();
        for (Object probe : (List<?>) container().get("probes")) {
            paths.add((String) ((Map<?, ?>) ((Map<?, ?>) probe).get("httpGet")).get("path"));
        }
        assertThat(paths).contains("/api/health/live", "/api/health/ready");

        try (RunningRouter router = RunningRouter.builder().start()) {
            Api anonymous = Api.anonymous(router.baseUrl());
            for (String path : paths) {
                assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void theScaleRuleQueryRunsAgainstTheSchema() throws IOException {
        Map<?, ?> scale = (Map<?, ?>) template().get("scale");
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) scale.get("rules")).get(0);
        Map<?, ?> custom = (Map<?, ?>) rule.get("custom");
        assertThat(custom.get("type")).isEqualTo("postgresql");
        String query = (String) ((Map<?, ?>) custom.get("metadata")).get("query");

        assertThat(TestDb.shared().count(query)).isGreaterThanOrEqualTo(0);
        assertThat(scale.get("minReplicas")).isEqualTo(1);
    }

    private static Set<String> settingVariables() throws IOException {
        return properties().stringPropertyNames().stream()
                .map(key -> key.toUpperCase().replace('.', '_').replace('-', '_'))
                .collect(Collectors.toSet());
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<?, ?> template() throws IOException {
        try (Reader reader = Files.newBufferedReader(DEPLOY)) {
            Map<?, ?> app = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromReader(reader);
            return (Map<?, ?>) ((Map<?, ?>) app.get("properties")).get("template");
        }
    }

    private static Map<?, ?> container() throws IOException {
        return (Map<?, ?>) ((List<?>) template().get("containers")).get(0);
    }
}
