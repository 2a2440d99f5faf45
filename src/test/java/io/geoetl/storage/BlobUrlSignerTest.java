package io.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.geoetl.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which URLs the signer signs, and the lifetimes it accepts (downloads through the API: StacSignedHrefsTest). */
class BlobUrlSignerTest {
    private static BlobServiceClient service;
    private static BlobUrlSigner signer;
    private static String silver;

    @BeforeAll
    static void connect() {
        service = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient();
        signer = new BlobUrlSigner(service, "silver", BlobUrlSigner.Credential.ACCOUNT_KEY, Duration.ofMinutes(60), Clock.systemUTC());
        silver = service.getBlobContainerClient("silver").getBlobContainerUrl();
    }

    @Test
    void onlyBlobsOfTheSilverContainerWithoutAQueryAreSigned() {
        assertThat(signer.sign(silver + "/cogs/a/b_analysis.tif")).startsWith(silver + "/cogs/a/b_analysis.tif?").contains("sig=");
        for (String untouched : new String[] {silver + "/", silver, silver + "-archive/x.tif",
                service.getBlobContainerClient("bronze").getBlobContainerUrl() + "/x.tif", silver + "/x.tif?versionid=1",
                "https://example.com/silver/x.tif", "/api/features/collections/t/items"}) {
            assertThat(signer.sign(untouched)).as(untouched).isEqualTo(untouched);
        }
    }

    @Test
    void aLifetimeMustBePositiveAndFitADelegationKey() {
        assertThatThrownBy(() -> new BlobUrlSigner(service, "silver", BlobUrlSigner.Credential.ACCOUNT_KEY, Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new BlobUrlSigner(service, "silver", BlobUrlSigner.Credential.USER_DELEGATION, Duration.ofDays(7),
                Clock.systemUTC())).hasMessageContaining("geoetl.storage.sas-minutes").hasMessageContaining("9720");
    }
}
