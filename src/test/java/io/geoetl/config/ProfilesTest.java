package io.geoetl.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.GeoetlMain;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** The profile file overrides config/application.properties; keys it does not set come from the base file. */
class ProfilesTest {

    @Test
    void theLocalProfileTurnsOnPollingAndTheInboxAndKeepsLoopback() {
        PropertiesComponent properties = load("local");
        assertThat(properties.resolveProperty("geoetl.blob-drop.inbox.enabled")).hasValue("true");
        assertThat(properties.resolveProperty("geoetl.blob-drop.poll.enabled")).hasValue("true");
        assertThat(properties.resolveProperty("geoetl.blob-drop.events.enabled")).hasValue("false");
        assertThat(properties.resolveProperty("camel.server.host")).hasValue("127.0.0.1");
        assertThat(properties.resolveProperty("geoetl.queue.tasks")).hasValue("geoetl-tasks");
    }

    @Test
    void theAzureProfileUsesEntraIdEventsAndNoConnectionString() {
        PropertiesComponent properties = load("azure");
        assertThat(properties.resolveProperty("geoetl.auth.mode")).hasValue("entra");
        assertThat(properties.resolveProperty("geoetl.blob-drop.events.enabled")).hasValue("true");
        assertThat(properties.resolveProperty("geoetl.storage.connection-string").orElse("")).isEmpty();
        assertThat(properties.resolveProperty("camel.server.host")).hasValue("0.0.0.0");
    }

    @Test
    void anUnknownProfileFallsBackToTheBaseFile() {
        assertThat(load("nonexistent").resolveProperty("geoetl.blob-drop.inbox.enabled")).hasValue("false");
    }

    private static PropertiesComponent load(String profile) {
        DefaultCamelContext camel = new DefaultCamelContext();
        PropertiesComponent properties = camel.getPropertiesComponent();
        // environment variables (from .state/env) must not decide what this test reads
        ((org.apache.camel.component.properties.PropertiesComponent) properties)
                .setEnvironmentVariableMode(org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        properties.setLocation(GeoetlMain.propertyLocations(".", profile));
        return properties;
    }
}
