package io.geoetl.storage;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.QueueServiceAsyncClient;

/**
 * Builds the Azure Storage clients from settings: a connection string (local profile, Azurite)
 * or the account name with DefaultAzureCredential (azure profile: managed identity, CLI, env).
 */
public final class AzureClients {
    private final String connectionString;
    private final String accountName;

    /** {@code connectionString} wins when set; otherwise the account name and Entra ID credentials are used. */
    public AzureClients(String connectionString, String accountName) {
        this.connectionString = blankToNull(connectionString);
        this.accountName = blankToNull(accountName);
        if (this.connectionString == null && this.accountName == null) {
            throw new IllegalArgumentException(
                    "set geoetl.storage.connection-string (GEOETL_STORAGE_CONNECTION_STRING) or geoetl.storage.account (GEOETL_STORAGE_ACCOUNT)");
        }
    }

    public BlobServiceClient blobServiceClient() {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (connectionString != null) {
            builder.connectionString(connectionString);
        } else {
            builder.endpoint("https://" + accountName + ".blob.core.windows.net").credential(new DefaultAzureCredentialBuilder().build());
        }
        return builder.buildClient();
    }

    public QueueServiceClient queueServiceClient() {
        return queueBuilder().buildClient();
    }

    public QueueServiceAsyncClient queueServiceAsyncClient() {
        return queueBuilder().buildAsyncClient();
    }

    /** The storage account name (from the connection string when one is used). */
    public String accountName() {
        if (accountName != null) return accountName;
        for (String part : connectionString.split(";")) {
            if (part.startsWith("AccountName=")) return part.substring("AccountName=".length());
        }
        return "devstoreaccount1";
    }

    /** How SAS URLs are signed: with the account key of the connection string, else by user delegation. */
    public BlobUrlSigner.Credential sasCredential() {
        return connectionString != null && connectionString.contains("AccountKey=")
                ? BlobUrlSigner.Credential.ACCOUNT_KEY : BlobUrlSigner.Credential.USER_DELEGATION;
    }

    private QueueServiceClientBuilder queueBuilder() {
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder();
        if (connectionString != null) {
            builder.connectionString(connectionString);
        } else {
            builder.endpoint("https://" + accountName + ".queue.core.windows.net").credential(new DefaultAzureCredentialBuilder().build());
        }
        return builder;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
