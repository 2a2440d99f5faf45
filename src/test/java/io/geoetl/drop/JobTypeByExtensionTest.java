package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobTypeByExtensionTest {
    private final JobTypeByExtension table = JobTypeByExtension.parse(" .geojson:ingest_vector, .GZ:unpack , .tar.gz:archive,.tif:process_raster");

    @Test
    void theEndingOfTheFileNamePicksTheJobTypeIgnoringCaseAndTheLongestEndingWins() {
        assertThat(table.match("in/Roads.GeoJSON")).contains(new JobTypeByExtension.Match(".geojson", "ingest_vector"));
        assertThat(table.match("x.tar.gz")).contains(new JobTypeByExtension.Match(".tar.gz", "archive"));
        assertThat(table.match("x.gz")).contains(new JobTypeByExtension.Match(".gz", "unpack"));
    }

    @Test
    void unlistedEndingsFolderDotsAndBareEndingsMatchNothing() {
        assertThat(table.match("notes.xyz")).isEmpty();
        assertThat(table.match("folder.tif/readme")).isEmpty();
        assertThat(table.match(".tif")).isEmpty();
        assertThat(JobTypeByExtension.lastExtension("a/b.c/Notes.XYZ")).isEqualTo(".xyz");
        assertThat(JobTypeByExtension.lastExtension("a.b/README")).isEmpty();
    }

    @Test
    void aMalformedOrRepeatedEntryIsAStartUpErrorNamingIt() {
        assertThatThrownBy(() -> JobTypeByExtension.parse(".geojson:ingest_vector,csv:ingest_vector"))
                .hasMessageContaining("\"csv:ingest_vector\"").hasMessageContaining(".extension:job_type");
        assertThatThrownBy(() -> JobTypeByExtension.parse(".csv:a,.CSV:b")).hasMessageContaining(".csv is listed twice");
    }
}
