package io.geoetl.stac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official STAC 1.0.0 and GeoJSON schemas from ../shared/stac-schemas (GEOETL_SHARED_DIR),
 * resolved offline, and a check that a served document passes them and the schema of every
 * extension it declares. When the folder is absent (a clone without ../shared) only the schema
 * assertion is left out, saying so once in the log: the rest of each test still runs.
 */
public final class StacSchemas {
    private static final Path DIR = Path.of(System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared"), "stac-schemas");
    private static final String CORE = "https://schemas.stacspec.org/v1.0.0/";
    private static JsonSchemaFactory factory;
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(StacSchemas.class);
    private static final AtomicBoolean ABSENCE_LOGGED = new AtomicBoolean();

    private StacSchemas() {}

    /** Whether the schemas are there; the first time they are not, the log says why validation is left out. */
    static boolean present() {
        boolean present = Files.isDirectory(DIR.resolve("v1.0.0"));
        if (!present && ABSENCE_LOGGED.compareAndSet(false, true)) {
            LOG.warn("{} is absent (set GEOETL_SHARED_DIR to the folder holding stac-schemas): STAC schema assertions are left out,"
                    + " the rest of each test runs", DIR);
        }
        return present;
    }

    public static void assertItem(JsonNode item) {
        assertValid(item, CORE + "item-spec/json-schema/item.json");
        item.path("stac_extensions").forEach(extension -> assertValid(item, extension.asText()));
    }

    public static void assertCollection(JsonNode collection) {
        assertValid(collection, CORE + "collection-spec/json-schema/collection.json");
        collection.path("stac_extensions").forEach(extension -> assertValid(collection, extension.asText()));
    }

    static void assertCatalog(JsonNode catalog) {
        assertValid(catalog, CORE + "catalog-spec/json-schema/catalog.json");
    }

    /** Every feature of an item collection, and the collection as GeoJSON. */
    static void assertItemCollection(JsonNode items) {
        assertValid(items, "https://geojson.org/schema/FeatureCollection.json");
        items.path("features").forEach(StacSchemas::assertItem);
    }

    private static void assertValid(JsonNode document, String schemaUrl) {
        if (!present()) return;
        Set<ValidationMessage> errors = schema(schemaUrl).validate(document);
        assertThat(errors).as("%s against %s", document.path("id").asText(document.path("type").asText()), schemaUrl).isEmpty();
    }

    private static synchronized JsonSchema schema(String url) {
        if (factory == null) {
            factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder.schemaMappers(mappers -> mappers
                    .mapPrefix(CORE, DIR.resolve("v1.0.0").toUri().toString())
                    .mapPrefix("https://geojson.org/schema/", DIR.resolve("geojson").toUri().toString())
                    .mapPrefix("https://stac-extensions.github.io/", DIR.resolve("extensions").toUri().toString())));
        }
        return SCHEMAS.computeIfAbsent(url, u -> factory.getSchema(SchemaLocation.of(u)));
    }
}
