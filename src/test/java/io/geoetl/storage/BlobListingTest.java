package io.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.core.util.BinaryData;
import io.geoetl.testing.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listings from Azurite: the fingerprint stays while the listing does, and moves when a blob is added or replaced. */
class BlobListingTest {
    private static final String CONTAINER = "listing-" + UUID.randomUUID().toString().substring(0, 8);
    private static BlobContainerClient container;
    private static BlobListing listing;

    @BeforeAll
    static void connect() {
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient();
        ContainerSetup.ensureExist(service, CONTAINER);
        container = service.getBlobContainerClient(CONTAINER);
        listing = new BlobListing(service);
    }

    @AfterAll
    static void removeContainer() {
        container.deleteIfExists();
    }

    @Test
    void theSameListingHasTheSameFingerprintAndAChangedOneAnother() {
        put("a/b.tif", "one");
        put("a/a.tif", "two");
        put("a/readme.txt", "ignored");
        put("other/c.tif", "outside the prefix");
        BlobListing.Listing first = listing.list(CONTAINER, "a/", name -> name.endsWith(".tif"), 100);
        assertThat(first.entries()).extracting(BlobListing.Entry::name).containsExactly("a/a.tif", "a/b.tif");
        assertThat(first.entries()).allSatisfy(e -> assertThat(e.etag()).isNotBlank().doesNotContain("\""));
        assertThat(first.entries().get(0).size()).isEqualTo(3);
        assertThat(first.fingerprint()).hasSize(64).isEqualTo(listing.list(CONTAINER, "a/", name -> name.endsWith(".tif"), 100).fingerprint());

        put("a/readme.txt", "a file the filter leaves out changes nothing");
        assertThat(listing.list(CONTAINER, "a/", name -> name.endsWith(".tif"), 100).fingerprint()).isEqualTo(first.fingerprint());

        put("a/b.tif", "one");
        BlobListing.Listing replaced = listing.list(CONTAINER, "a/", name -> name.endsWith(".tif"), 100);
        assertThat(replaced.fingerprint()).as("same bytes, new ETag: a replaced blob").isNotEqualTo(first.fingerprint());

        put("a/c.tif", "three");
        BlobListing.Listing added = listing.list(CONTAINER, "a/", name -> name.endsWith(".tif"), 100);
        assertThat(added.entries()).hasSize(3);
        assertThat(added.fingerprint()).isNotEqualTo(replaced.fingerprint());
        assertThat(added.truncated()).isFalse();
    }

    @Test
    void aListingStopsAtItsLimitAndSaysSo() {
        for (int i = 0; i < 4; i++) put("many/" + i + ".tif", "x");
        BlobListing.Listing limited = listing.list(CONTAINER, "many/", name -> true, 3);
        assertThat(limited.truncated()).isTrue();
        assertThat(limited.entries()).hasSize(3);
        assertThat(listing.list("no-such-" + CONTAINER, "", name -> true, 3).entries()).isEmpty();
    }

    private static void put(String name, String content) {
        container.getBlobClient(name).upload(BinaryData.fromString(content), true);
    }
}
