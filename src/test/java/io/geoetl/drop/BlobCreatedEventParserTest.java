package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobCreatedEventParserTest {
    private final BlobCreatedEventParser parser = new BlobCreatedEventParser("bronze");

    static String eventGridEvent(String type, String url, String etag) {
        return """
                {"topic": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/acct",
                 "subject": "/blobServices/default/containers/bronze/blobs/ignored-when-url-parses",
                 "eventType": "%s", "id": "eg-1", "eventTime": "2026-11-02T10:00:00Z", "dataVersion": "", "metadataVersion": "1",
                 "data": {"api": "PutBlob", "eTag": "%s", "contentType": "application/geo+json", "contentLength": 1234,
                          "blobType": "BlockBlob", "url": "%s", "sequencer": "0001"}}
                """.formatted(type, etag, url);
    }

    static String cloudEvent(String url, String etag) {
        return """
                {"specversion": "1.0", "type": "Microsoft.Storage.BlobCreated", "id": "ce-1",
                 "source": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/acct",
                 "subject": "/blobServices/default/containers/bronze/blobs/x", "time": "2026-11-02T10:00:00Z",
                 "data": {"api": "PutBlockList", "eTag": "%s", "blobType": "BlockBlob", "url": "%s"}}
                """.formatted(etag, url);
    }

    @Test
    void aBase64EventGridEventWithAnAzureUrlNamesContainerBlobAndEtag() {
        String body = Base64.getEncoder().encodeToString(eventGridEvent("Microsoft.Storage.BlobCreated",
                "https://acct.blob.core.windows.net/bronze/in%20coming/Roads%202024.geojson", "0x8DCAFE").getBytes(StandardCharsets.UTF_8));

        assertThat(parser.parse(body)).containsExactly(new BlobCreated("bronze", "in coming/Roads 2024.geojson", "0x8DCAFE", "eg-1"));
    }

    @Test
    void aPlainCloudEventWithAnAzuritePathStyleUrlSkipsTheAccountSegment() {
        String body = cloudEvent("http://127.0.0.1:10000/devstoreaccount1/bronze/a/b.gpkg", "0x1");

        assertThat(parser.parse(body)).containsExactly(new BlobCreated("bronze", "a/b.gpkg", "0x1", "ce-1"));
    }

    @Test
    void anArrayOfEventsYieldsTheBlobCreatedOnesForTheWatchedContainer() {
        String body = "[" + eventGridEvent("Microsoft.Storage.BlobCreated", "https://acct.blob.core.windows.net/bronze/one.csv", "e1") + ","
                + eventGridEvent("Microsoft.Storage.BlobDeleted", "https://acct.blob.core.windows.net/bronze/two.csv", "e2") + ","
                + eventGridEvent("Microsoft.Storage.BlobCreated", "https://acct.blob.core.windows.net/silver/three.csv", "e3") + ","
                + cloudEvent("https://acct.dfs.core.windows.net/bronze/four.csv", "e4") + "]";

        List<BlobCreated> created = parser.parse(body);

        assertThat(created).extracting(BlobCreated::blobName).containsExactly("one.csv", "four.csv");
    }

    @Test
    void aDataLakeCreateFileEventIsSkippedBecauseTheFileIsStillEmpty() {
        String body = eventGridEvent("Microsoft.Storage.BlobCreated", "https://acct.dfs.core.windows.net/bronze/x.csv", "e")
                .replace("\"PutBlob\"", "\"CreateFile\"");

        assertThat(parser.parse(body)).isEmpty();
    }

    @Test
    void theSubjectNamesTheBlobWhenTheUrlIsMissing() {
        String body = """
                {"eventType": "Microsoft.Storage.BlobCreated", "id": "x",
                 "subject": "/blobServices/default/containers/bronze/blobs/dir/y.kml", "data": {"eTag": "e"}}""";

        assertThat(parser.parse(body)).containsExactly(new BlobCreated("bronze", "dir/y.kml", "e", "x"));
    }

    @Test
    void aMessageThatIsNotAnEventIsMalformedAndSaysWhy() {
        assertThatThrownBy(() -> parser.parse("hello, is this the queue?"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("neither JSON nor base64-encoded JSON");
        assertThatThrownBy(() -> parser.parse("{\"hello\": 1}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("no eventType");
        assertThatThrownBy(() -> parser.parse("{\"eventType\": \"Microsoft.Storage.BlobCreated\", \"id\": \"z\", \"data\": {}}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("names no blob");
        assertThatThrownBy(() -> parser.parse("{not json"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not valid JSON");
    }
}
