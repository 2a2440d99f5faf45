package io.geoetl.raster;

import io.geoetl.gdal.GdalRuntime;
import org.gdal.gdal.gdal;

/**
 * Gives GDAL's /vsiaz/ file system the storage account the router uses, so rasters are read in
 * place with HTTP range requests instead of being downloaded. With a connection string (Azurite
 * locally, or an account key) GDAL takes it whole, endpoint included; without one, the account
 * name, and GDAL signs its requests with the managed identity (IMDS), as the router's SDK clients do.
 */
public final class VsiazAccess {
    private VsiazAccess() {}

    public static void configure(String connectionString, String account) {
        GdalRuntime.init();
        if (!connectionString.isBlank()) {
            gdal.SetConfigOption("AZURE_STORAGE_CONNECTION_STRING", connectionString);
        } else {
            gdal.SetConfigOption("AZURE_STORAGE_ACCOUNT", account);
            gdal.SetConfigOption("AZURE_NO_SIGN_REQUEST", "NO");
        }
    }

    /** The GDAL path of a blob. */
    public static String path(String container, String blobName) {
        return "/vsiaz/" + container + "/" + blobName;
    }
}
