package io.geoetl.storage;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Turns the URL of a blob in the silver container into a short-lived, read-only SAS URL that a
 * client without credentials can download. With the account key (local profile, Azurite) the
 * SAS is signed with it; with Entra ID (azure profile, managed identity) it is a user-delegation
 * SAS, signed with a delegation key fetched from the service and reused until it nears its end.
 * URLs outside the silver container, or that already carry a query, come back unchanged.
 */
public final class BlobUrlSigner {
    /** How SAS tokens are signed. */
    public enum Credential {
        /** the storage account key (from the connection string) */
        ACCOUNT_KEY,
        /** a user-delegation key obtained with the Entra ID credential of the blob client */
        USER_DELEGATION
    }

    /** A delegation key is asked for this long beyond the SAS lifetime, so one key serves many signatures. */
    private static final Duration DELEGATION_KEY_SPARE = Duration.ofHours(6);
    private static final Duration MAX_DELEGATION_KEY = Duration.ofDays(7);
    /** Start times lie this far in the past, so a client whose clock is a little behind is not refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private final BlobServiceClient service;
    private final BlobContainerClient container;
    private final String containerPrefix;
    private final Credential credential;
    private final Duration lifetime;
    private final Clock clock;
    private UserDelegationKey delegationKey;

    public BlobUrlSigner(BlobServiceClient service, String containerName, Credential credential, Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) throw new IllegalArgumentException("the SAS lifetime must be positive, not " + lifetime);
        if (credential == Credential.USER_DELEGATION && lifetime.plus(DELEGATION_KEY_SPARE).compareTo(MAX_DELEGATION_KEY) > 0) {
            throw new IllegalArgumentException("geoetl.storage.sas-minutes is " + lifetime.toMinutes() + "; a user-delegation SAS may live at most "
                    + MAX_DELEGATION_KEY.minus(DELEGATION_KEY_SPARE).toMinutes() + " minutes (delegation keys last 7 days at most)");
        }
        this.service = service;
        this.container = service.getBlobContainerClient(containerName);
        this.containerPrefix = container.getBlobContainerUrl() + "/";
        this.credential = credential;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Whether {@code href} names a blob of the container this signer signs for. */
    public boolean signs(String href) {
        return href != null && href.startsWith(containerPrefix) && href.length() > containerPrefix.length() && !href.contains("?");
    }

    /** {@code href} with a read-only SAS valid for the configured lifetime, or {@code href} as it is when it is not ours. */
    public String sign(String href) {
        if (!signs(href)) return href;
        String blobName = URLDecoder.decode(href.substring(containerPrefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        BlobClient blob = container.getBlobClient(blobName);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(now.plus(lifetime), new BlobSasPermission().setReadPermission(true))
                .setStartTime(now.minus(CLOCK_SKEW))
                .setProtocol(href.startsWith("https:") ? SasProtocol.HTTPS_ONLY : SasProtocol.HTTPS_HTTP);
        String sas = credential == Credential.ACCOUNT_KEY ? blob.generateSas(values) : blob.generateUserDelegationSas(values, delegationKey(now));
        return href + "?" + sas;
    }

    /** The cached delegation key while it outlives a new SAS; a fresh one (a service call) otherwise. */
    private synchronized UserDelegationKey delegationKey(OffsetDateTime now) {
        if (delegationKey == null || delegationKey.getSignedExpiry().isBefore(now.plus(lifetime).plus(CLOCK_SKEW))) {
            delegationKey = service.getUserDelegationKey(now.minus(CLOCK_SKEW), now.plus(lifetime).plus(DELEGATION_KEY_SPARE));
        }
        return delegationKey;
    }
}
