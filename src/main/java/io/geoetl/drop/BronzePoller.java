package io.geoetl.drop;

import io.geoetl.storage.BlobVersion;
import io.geoetl.storage.BronzeContainer;
import io.geoetl.store.Database;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the bronze container: list it (names, ETags, metadata; no content is downloaded)
 * and keep the versions the ledger has not recorded, checking a whole listing page per query.
 * The listing is repeated on every poll because Azure Storage keeps no "seen" mark on blobs;
 * the ledger in the database is what survives a restart.
 */
public final class BronzePoller {
    private static final Logger LOG = LoggerFactory.getLogger(BronzePoller.class);
    private static final int PAGE_SIZE = 1000;
    private final BronzeContainer bronze;
    private final Database db;

    public BronzePoller(BronzeContainer bronze, Database db) {
        this.bronze = bronze;
        this.db = db;
    }

    public List<BlobVersion> newVersions() {
        List<BlobVersion> fresh = new ArrayList<>();
        bronze.listVersions(PAGE_SIZE, page -> {
            String[] names = page.stream().map(BlobVersion::blobName).toArray(String[]::new);
            String[] etags = page.stream().map(BlobVersion::etag).toArray(String[]::new);
            List<Integer> unrecorded = db.inTransaction(tx -> tx.blobDrops().unrecorded(bronze.name(), names, etags));
            unrecorded.forEach(index -> fresh.add(page.get(index)));
        });
        if (!fresh.isEmpty()) {
            LOG.info("{} new blob version(s) in container {}", fresh.size(), bronze.name());
        }
        return fresh;
    }
}
