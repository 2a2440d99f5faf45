package io.geoetl.stac.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoetl.stac.filter.Queryables.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Queryables come from the /queryables JSON Schema and decide which properties and values a filter may use. */
class QueryablesTest {
    private static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object",
             "properties": {
               "geometry": {"$ref": "https://geojson.org/schema/Geometry.json"},
               "eo:cloud_cover": {"type": "number", "minimum": 0, "maximum": 100},
               "proj:epsg": {"type": ["integer", "null"]},
               "platform": {"type": "string"},
               "created": {"type": "string", "format": "date-time"},
               "sat:absolute_orbit": {"description": "no type given"}
             }}""";

    private static Queryables queryables() throws Exception {
        return Queryables.fromJsonSchema(new ObjectMapper().readTree(SCHEMA));
    }

    @Test
    void typesComeFromTheJsonSchema() throws Exception {
        Queryables queryables = queryables();
        assertThat(queryables.type("eo:cloud_cover")).contains(Type.NUMBER);
        assertThat(queryables.type("proj:epsg")).contains(Type.INTEGER);
        assertThat(queryables.type("created")).contains(Type.TIMESTAMP);
        assertThat(queryables.type("geometry")).contains(Type.GEOMETRY);
        assertThat(queryables.type("sat:absolute_orbit")).contains(Type.ANY);
        assertThat(queryables.type("id")).contains(Type.STRING);
        assertThat(queryables.type("datetime")).contains(Type.TIMESTAMP);
        assertThat(queryables.type("properties.platform")).contains(Type.STRING);
        assertThat(queryables.type("eo:snow_cover")).isEmpty();
    }

    @Test
    void resolvingNamesUnknownQueryablesAndListsTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> queryables().resolve(Cql2.parseText("platform = 'x' AND eo:snow_cover < 5")))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_queryable");
                    assertThat(e.getMessage()).isEqualTo("unknown queryable 'eo:snow_cover': filters may use collection, "
                            + "created, datetime, eo:cloud_cover, geometry, id, platform, proj:epsg, sat:absolute_orbit "
                            + "(see /queryables)");
                });
    }

    @Test
    void resolvingTurnsStringsComparedWithTimestampsIntoTimestampsAndDropsThePropertiesPrefix() throws Exception {
        Condition resolved = queryables().resolve(Cql2.parseText("created > '2020-01-01T00:00:00Z' AND properties.platform = 'x'"));
        assertThat(resolved).isEqualTo(Cql2.parseText("created > TIMESTAMP('2020-01-01T00:00:00Z') AND platform = 'x'"));
        assertThat(queryables().resolve(Cql2.parseText("datetime < '2020-01-01'")))
                .isEqualTo(Cql2.parseText("datetime < DATE('2020-01-01')"));
    }

    @Test
    void valuesOfTheWrongKindAreRejected() throws Exception {
        Queryables queryables = queryables();
        assertThatThrownBy(() -> queryables.resolve(Cql2.parseText("proj:epsg IN (4326, 'x')")))
                .hasMessage("proj:epsg is an integer, so 'in' cannot compare it with the string 'x'");
        assertThatThrownBy(() -> queryables.resolve(Cql2.parseText("geometry = 'POINT(1 2)'")))
                .hasMessageContaining("use s_intersects");
        assertThatThrownBy(() -> queryables.resolve(Cql2.parseText("platform = 5"))).isInstanceOfSatisfying(
                FilterException.class, e -> assertThat(e.kind()).isEqualTo(FilterException.Kind.TYPE_MISMATCH));
        assertThat(queryables.resolve(Cql2.parseText("sat:absolute_orbit = 'any' OR sat:absolute_orbit = 5"))).isNotNull();
        assertThat(Queryables.of(Map.of()).names()).containsExactlyInAnyOrder("id", "collection", "geometry", "datetime");
    }
}
