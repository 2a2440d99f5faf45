package io.geoetl.store;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Copies a table from the staging database to the production database (promote_data, backend
 * local): rows stream with binary COPY from one connection into the other through a bounded
 * buffer, never whole in the heap. Replace builds a new table and swaps it in; append writes into
 * the target in one transaction together with a ledger row, so a retried append writes nothing
 * twice. Verification compares row counts and an order-independent checksum (sum of per-row
 * hashes computed by each server).
 */
public final class TableTransfer {
    private final Database staging;
    private final Database production;
    private final int bufferBytes;

    public TableTransfer(Database staging, Database production, int bufferBytes) {
        this.staging = staging;
        this.production = production;
        this.bufferBytes = bufferBytes;
    }

    /** Row count and the sum of row hashes (a decimal number, possibly negative). */
    public record Checksum(long rows, String sum) {}

    /** An index or constraint built under a temporary name, renamed to {@code original} when swapped in. */
    public record Rename(String kind, String temporary, String original) {}

    /** What the first phase of a replacement did, with the time of each step. */
    public record Staged(long rowsRead, long rowsWritten, Checksum source, List<Rename> renames,
                         long copyMillis, long indexMillis, long sourceChecksumMillis) {}

    /** What an append did; {@code alreadyWritten} when the ledger shows an earlier attempt committed it. */
    public record Appended(long rowsRead, long rowsWritten, Checksum source, Checksum targetDelta, boolean alreadyWritten) {}

    /**
     * Replace, phase 1: {@code work} (dropped first when an earlier attempt left it) is created in
     * production with the source's columns, filled by COPY, then given the source's constraints and
     * indexes under temporary names starting with {@code tempPrefix}. With {@code verify}, the
     * source checksum is taken in the same snapshot the rows are copied from.
     */
    public Staged stageReplacement(TableName source, TableName work, String tempPrefix, boolean verify) {
        try (Connection src = staging.dataSource().getConnection(); Connection dst = production.dataSource().getConnection()) {
            try {
                src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                TableShape shape = TableShape.read(src, source.schema(), source.table());
                long started = System.nanoTime();
                Checksum sourceSum = verify ? checksum(src, shape, source) : null;
                long checksumMillis = millisSince(started);

                Sql.execute(dst, "create schema if not exists " + Identifiers.quote(work.schema()));
                Sql.execute(dst, "drop table if exists " + work.quoted());
                Sql.execute(dst, shape.createTableSql(work.quoted()));
                started = System.nanoTime();
                long[] counts = copy(src, dst, shape, source, work);
                dst.commit();
                src.commit();
                long copyMillis = millisSince(started);

                started = System.nanoTime();
                List<Rename> renames = buildIndexes(dst, shape, work, tempPrefix);
                Sql.execute(dst, "analyze " + work.quoted());
                dst.commit();
                return new Staged(counts[0], counts[1], sourceSum, renames, copyMillis, millisSince(started), checksumMillis);
            } catch (RuntimeException | SQLException e) {
                rollback(src, e);
                rollback(dst, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The checksum of a production table (its own columns, in table order). */
    public Checksum productionChecksum(TableName table) {
        return production.inTransaction(tx -> checksum(tx.connection(), TableShape.read(tx.connection(), table.schema(), table.table()), table));
    }

    /** The checksum of a staging table. */
    public Checksum stagingChecksum(TableName table) {
        return staging.inTransaction(tx -> checksum(tx.connection(), TableShape.read(tx.connection(), table.schema(), table.table()), table));
    }

    /**
     * Replace, phase 2, in one production transaction: the old target is dropped, {@code work}
     * takes its name, indexes and constraints get the source's names, the ledger row and the
     * catalog row ({@code catalogRow}: the staging row as JSON, or null to drop the target's) are
     * written, and the STAC item {@code item} (null: STAC left alone). Returns false, changing nothing, when {@code work} is gone and the ledger shows this
     * job swapped it in before (a retried stage).
     */
    public boolean swapIn(String jobId, TableName work, TableName target, List<Rename> renames, String catalogRow, PromotedItem item,
                          long rows, String checksum) {
        return production.inTransaction(tx -> {
            Connection c = tx.connection();
            Sql.execute(c, "select pg_advisory_xact_lock(hashtextextended(?, 0))", "promote:" + target);
            if (!existsTable(c, work)) {
                if (ledgerContains(c, jobId)) return false;
                throw new PromotionRefusedException("the copied table " + work + " is gone from production; submit the promotion again");
            }
            Sql.execute(c, "drop table if exists " + target.quoted());
            Sql.execute(c, "alter table " + work.quoted() + " rename to " + Identifiers.quote(target.table()));
            for (Rename rename : renames) {
                if (rename.kind().equals("constraint")) {
                    Sql.execute(c, "alter table " + target.quoted() + " rename constraint " + Identifiers.quote(rename.temporary())
                            + " to " + Identifiers.quote(rename.original()));
                } else {
                    Sql.execute(c, "alter index " + target.sibling(rename.temporary()).quoted() + " rename to " + Identifiers.quote(rename.original()));
                }
            }
            Sql.execute(c, "delete from app.promotion_ledger where job_id = ?", jobId);
            recordLedger(c, jobId, target, "replace", rows, checksum);
            replaceCatalogRow(c, target, catalogRow, null);
            publishItem(c, jobId, item, rows);
            return true;
        });
    }

    /**
     * Append, in one production transaction: the target (created like the source when missing) is
     * locked against other writers, the rows are copied, and with {@code verify} the checksum the
     * target gained must equal the source's; then the ledger row, the catalog row (feature count
     * of the whole target) and the STAC item {@code item} (null: STAC left alone) are written. Nothing is written when the ledger already holds this job.
     */
    public Appended append(String jobId, TableName source, TableName target, boolean verify, String catalogRow, PromotedItem item) {
        try (Connection src = staging.dataSource().getConnection(); Connection dst = production.dataSource().getConnection()) {
            try {
                Sql.execute(dst, "select pg_advisory_xact_lock(hashtextextended(?, 0))", "promote:" + target);
                Long earlier = Sql.queryOne(dst, "select rows_written from app.promotion_ledger where job_id = ?", rs -> rs.getLong(1), jobId);
                if (earlier != null) {
                    dst.rollback();
                    return new Appended(earlier, earlier, null, null, true);
                }
                src.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                TableShape shape = TableShape.read(src, source.schema(), source.table());
                if (existsTable(dst, target)) {
                    List<String> differences = shape.differencesFrom(TableShape.read(dst, target.schema(), target.table()));
                    if (!differences.isEmpty()) {
                        throw new PromotionRefusedException("cannot append " + source + " to " + target + ": " + String.join("; ", differences));
                    }
                } else {
                    Sql.execute(dst, "create schema if not exists " + Identifiers.quote(target.schema()));
                    Sql.execute(dst, shape.createTableSql(target.quoted()));
                    buildIndexes(dst, shape, target, null);
                }
                Sql.execute(dst, "lock table " + target.quoted() + " in share row exclusive mode");
                Checksum before = verify ? checksum(dst, shape, target) : null;
                Checksum sourceSum = verify ? checksum(src, shape, source) : null;
                long[] counts = copy(src, dst, shape, source, target);
                Checksum delta = null;
                if (verify) {
                    Checksum after = checksum(dst, shape, target);
                    delta = new Checksum(after.rows() - before.rows(),
                            new BigInteger(after.sum()).subtract(new BigInteger(before.sum())).toString());
                    if (!delta.equals(sourceSum)) {
                        throw new PromotionRefusedException("verification failed: " + source + " has " + sourceSum.rows() + " rows (checksum "
                                + sourceSum.sum() + ") but " + target + " gained " + delta.rows() + " (checksum " + delta.sum() + "); nothing was appended");
                    }
                }
                long total = Sql.queryOne(dst, "select count(*) from " + target.quoted(), rs -> rs.getLong(1));
                recordLedger(dst, jobId, target, "append", counts[1], sourceSum == null ? null : sourceSum.sum());
                replaceCatalogRow(dst, target, catalogRow, total);
                publishItem(dst, jobId, item, total);
                dst.commit();
                src.commit();
                return new Appended(counts[0], counts[1], sourceSum, delta, false);
            } catch (RuntimeException | SQLException e) {
                rollback(src, e);
                rollback(dst, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The staging table's geo.table_catalog row as JSON, or null when it has none. */
    public String stagingCatalogRow(TableName table) {
        return staging.inTransaction(tx -> Sql.queryOne(tx.connection(),
                "select to_jsonb(c)::text from geo.table_catalog c where schema_name = ? and table_name = ?",
                rs -> rs.getString(1), table.schema(), table.table()));
    }

    /** Writes the catalog row and the STAC item (null: STAC left alone) of a target that another tool (Data Factory) filled. */
    public void publishCatalogRow(String jobId, TableName target, String catalogRow, PromotedItem item) {
        production.inTransaction(tx -> {
            long total = Sql.queryOne(tx.connection(), "select count(*) from " + target.quoted(), rs -> rs.getLong(1));
            replaceCatalogRow(tx.connection(), target, catalogRow, total);
            publishItem(tx.connection(), jobId, item, total);
            return null;
        });
    }

    /** A staging STAC item and its collection's document, as stored; null when there is no such item. */
    public record StagedItem(String collectionJson, String itemJson) {}

    public StagedItem stagingStacItem(String collection, String itemId) {
        return staging.inTransaction(tx -> {
            StacRepository stac = tx.stac();
            String item = stac.item(collection, itemId).orElse(null);
            if (item == null) return null;
            return new StagedItem(stac.collection(collection).map(StacRepository.StoredCollection::content).orElseThrow(), item);
        });
    }

    public boolean productionTableExists(TableName table) {
        return production.inTransaction(tx -> existsTable(tx.connection(), table));
    }

    /** What this job wrote according to the production ledger (rows, checksum or null), if it wrote anything. */
    public Optional<Checksum> ledgerEntry(String jobId) {
        return Optional.ofNullable(production.inTransaction(tx -> Sql.queryOne(tx.connection(),
                "select rows_written, checksum from app.promotion_ledger where job_id = ?", rs -> new Checksum(rs.getLong(1), rs.getString(2)), jobId)));
    }

    /** Removes a half-built work table (verification failed, or the job gave up). */
    public void dropWorkTable(TableName work) {
        production.inTransaction(tx -> Sql.execute(tx.connection(), "drop table if exists " + work.quoted()));
    }

    private long[] copy(Connection src, Connection dst, TableShape shape, TableName from, TableName to) throws SQLException {
        String out = "copy (select " + shape.columnList() + " from " + from.quoted() + ") to stdout (format binary)";
        String in = "copy " + to.quoted() + " (" + shape.columnList() + ") from stdin (format binary)";
        PGCopyOutputStream sink = new PGCopyOutputStream(dst.unwrap(PGConnection.class), in, bufferBytes);
        try {
            long read = src.unwrap(PGConnection.class).getCopyAPI().copyOut(out, sink);
            sink.flush();
            long written = sink.endCopy();
            return new long[] {read, written};
        } catch (IOException e) {
            throw new StoreException("COPY from " + from + " to " + to + " failed: " + e.getMessage(), e);
        } finally {
            if (sink.isActive()) sink.cancelCopy();
        }
    }

    private static List<Rename> buildIndexes(Connection c, TableShape shape, TableName table, String tempPrefix) {
        List<Rename> renames = new ArrayList<>();
        int n = 0;
        for (TableShape.Constraint constraint : shape.constraints()) {
            String name = tempPrefix == null ? constraint.name() : tempPrefix + "c" + n++;
            Sql.execute(c, "alter table " + table.quoted() + " add constraint " + Identifiers.quote(name) + " " + constraint.definition());
            if (tempPrefix != null) renames.add(new Rename("constraint", name, constraint.name()));
        }
        for (TableShape.Index index : shape.indexes()) {
            String name = tempPrefix == null ? index.name() : tempPrefix + "i" + n++;
            Sql.execute(c, "create " + (index.unique() ? "unique " : "") + "index " + Identifiers.quote(name) + " on " + table.quoted()
                    + index.usingClause());
            if (tempPrefix != null) renames.add(new Rename("index", name, index.name()));
        }
        return renames;
    }

    /** Text forms that do not depend on the session, so both servers hash the same text. */
    private static Checksum checksum(Connection c, TableShape shape, TableName table) {
        Sql.execute(c, "select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, MDY', true), "
                + "set_config('extra_float_digits', '1', true), set_config('bytea_output', 'hex', true), set_config('IntervalStyle', 'postgres', true)");
        return Sql.queryOne(c, shape.checksumSql(table.quoted()), rs -> new Checksum(rs.getLong(1), rs.getString(2)));
    }

    private static boolean ledgerContains(Connection c, String jobId) {
        return Sql.queryOne(c, "select 1 from app.promotion_ledger where job_id = ?", rs -> rs.getInt(1), jobId) != null;
    }

    private static boolean existsTable(Connection c, TableName table) {
        return Sql.queryOne(c, "select to_regclass(?) is not null", rs -> rs.getBoolean(1), table.quoted());
    }

    private static void recordLedger(Connection c, String jobId, TableName target, String mode, long rows, String checksum) {
        Sql.execute(c, "insert into app.promotion_ledger (job_id, target, mode, rows_written, checksum) values (?, ?, ?, ?, ?)",
                jobId, target.toString(), mode, rows, checksum);
    }

    /** The staging catalog row under the target's name (feature count overridden when given); null row = none. */
    private static void replaceCatalogRow(Connection c, TableName target, String catalogRow, Long featureCount) {
        Sql.execute(c, "delete from geo.table_catalog where schema_name = ? and table_name = ?", target.schema(), target.table());
        if (catalogRow == null) return;
        Sql.execute(c, "insert into geo.table_catalog select (jsonb_populate_record(null::geo.table_catalog, ?::jsonb "
                        + "|| jsonb_build_object('schema_name', ?::text, 'table_name', ?::text, 'updated_at', now()) "
                        + "|| jsonb_strip_nulls(jsonb_build_object('feature_count', ?::bigint)))).*",
                catalogRow, target.schema(), target.table(), featureCount);
    }

    /** Upserts (or removes) the target's item; the collection is created when missing. */
    private static void publishItem(Connection c, String jobId, PromotedItem item, long targetRows) {
        if (item == null) return;
        StacRepository stac = new StacRepository(c);
        String existing = stac.item(item.collection(), item.itemId()).orElse(null);
        String document = item.document(targetRows, existing);
        if (document == null) {
            if (existing != null) stac.deleteItem(item.collection(), item.itemId());
            return;
        }
        if (!stac.collectionExists(item.collection())) stac.upsertCollection(item.collection(), item.collectionJson());
        stac.upsertItems(item.collection(), jobId, sink -> sink.item(item.itemId(), document));
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
