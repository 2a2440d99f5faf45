import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

/**
 * Uploads a file as a blob with the Azure SDK (run with the router's jar on the class path):
 * java -cp target/geoetl.jar bench/vector/Upload.java CONTAINER BLOB_NAME FILE
 * The connection string comes from GEOETL_STORAGE_CONNECTION_STRING.
 */
public class Upload {
    public static void main(String[] args) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(System.getenv("GEOETL_STORAGE_CONNECTION_STRING"))
                .buildClient()
                .getBlobContainerClient(args[0]);
        container.createIfNotExists();
        container.getBlobClient(args[1]).uploadFromFile(args[2], true);
    }
}
