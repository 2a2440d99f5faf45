package io.geoetl.stac;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.StacQuery;
import io.geoetl.store.StacQuery.SortKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * One page of items as a GeoJSON FeatureCollection, streamed: the rows come from a database
 * cursor and are written, one by one, by a thread of a bounded pool into a {@link ChunkPipe}
 * the HTTP server reads from. Paging is keyset-based (limit + 1 rows tell whether a next page
 * exists); a prev page is found by reading the keys backwards first.
 */
final class ItemPages implements AutoCloseable {
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration FIRST_ROW_WAIT = Duration.ofSeconds(60);
    private final Database db;
    private final ExecutorService writers;

    ItemPages(Database db, int threads) {
        this.db = db;
        AtomicInteger n = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4), r -> {
            Thread t = new Thread(r, "stac-pages-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the page and returns the stream of its JSON once the first row (or the end) is in,
     * so that a failing query still becomes an error reply. {@code pageLink} makes the next/prev
     * links from (rel, token); {@code finish} is applied to each item as it is written (asset signing).
     */
    InputStream page(SearchRequest request, StacQuery.Condition filter, StacLinks links, List<ObjectNode> fixedLinks,
                     BiFunction<String, String, ObjectNode> pageLink, UnaryOperator<ObjectNode> finish) {
        List<SortKey> sort = request.sortOrDefault();
        Interval interval = request.datetime();
        StacQuery base = new StacQuery(request.collections(), request.ids(), request.bbox(),
                request.intersects() == null ? null : Json.write(request.intersects()),
                interval == null ? null : interval.start(), interval == null ? null : interval.end(), filter, sort, null, false,
                request.limit() + 1);
        checkTokenFits(request.token(), sort);
        StacQuery pageQuery = base;
        boolean hasPrev = false;
        if (request.token() != null && !request.token().previous()) {
            pageQuery = base.withKeyset(request.token().keys(), false);
            hasPrev = true;
        } else if (request.token() != null) {
            List<String> before = keysBefore(base, request.token().keys(), request.limit());
            if (before.size() > request.limit()) {
                hasPrev = true;
                pageQuery = base.withKeyset(PageToken.next(before.get(request.limit() - 1)).keys(), true);
            }
        }
        ChunkPipe pipe = new ChunkPipe(STALL);
        CompletableFuture<Void> started = new CompletableFuture<>();
        PageWriter writer = new PageWriter(pipe.sink(), request, links, fixedLinks, pageLink, finish, hasPrev, started);
        StacQuery query = pageQuery;
        try {
            writers.execute(() -> writer.run(query));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "busy", "too many large responses are being written; try again shortly");
        }
        try {
            started.get(FIRST_ROW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(503, "search_timeout", "the search found no first row within " + FIRST_ROW_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return pipe.source();
    }

    private List<String> keysBefore(StacQuery base, List<String> token, int limit) {
        List<SortKey> reversed = base.sort().stream().map(SortKey::reversed).toList();
        StacQuery backwards = base.withSort(reversed).withKeyset(token, false).withLimit(limit + 1);
        List<String> keys = new ArrayList<>();
        db.inTransaction(tx -> {
            tx.stac().search(backwards, true, (collection, id, content, rowKeys) -> keys.add(rowKeys));
            return null;
        });
        return keys;
    }

    private static void checkTokenFits(PageToken token, List<SortKey> sort) {
        if (token != null && token.keys().size() != sort.size() + 2) {
            throw new ApiException(400, "invalid_token", "the token belongs to a search with another sortby; follow the links as given");
        }
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }

    /** Writes one page into the pipe on a pool thread. */
    private final class PageWriter {
        private final ChunkPipe.Sink sink;
        private final SearchRequest request;
        private final StacLinks links;
        private final List<ObjectNode> fixedLinks;
        private final BiFunction<String, String, ObjectNode> pageLink;
        private final UnaryOperator<ObjectNode> finish;
        private final boolean hasPrev;
        private final CompletableFuture<Void> started;
        private JsonGenerator json;
        private int returned;
        private boolean hasNext;
        private String firstKeys;
        private String lastKeys;

        PageWriter(ChunkPipe.Sink sink, SearchRequest request, StacLinks links, List<ObjectNode> fixedLinks,
                   BiFunction<String, String, ObjectNode> pageLink, UnaryOperator<ObjectNode> finish, boolean hasPrev,
                   CompletableFuture<Void> started) {
            this.sink = sink;
            this.request = request;
            this.links = links;
            this.fixedLinks = fixedLinks;
            this.pageLink = pageLink;
            this.finish = finish;
            this.hasPrev = hasPrev;
            this.started = started;
        }

        void run(StacQuery query) {
            try {
                json = Json.MAPPER.getFactory().createGenerator(sink, JsonEncoding.UTF8);
                db.inTransaction(tx -> {
                    tx.stac().search(query, false, this::row);
                    return null;
                });
                start();
                json.writeEndArray();
                ArrayNode all = Json.array();
                fixedLinks.forEach(all::add);
                if (hasNext) all.add(pageLink.apply("next", PageToken.next(lastKeys).encode()));
                if (hasPrev && firstKeys != null) all.add(pageLink.apply("prev", PageToken.prev(firstKeys).encode()));
                json.writeFieldName("links");
                json.writeTree(all);
                json.writeNumberField("numberReturned", returned);
                json.writeEndObject();
                json.close();
                sink.close();
            } catch (Throwable e) {
                if (!started.completeExceptionally(e)) sink.fail(e);
            }
        }

        private void row(String collection, String id, String content, String keys) {
            try {
                start();
                if (returned == request.limit()) {
                    hasNext = true;
                    return;
                }
                if (firstKeys == null) firstKeys = keys;
                lastKeys = keys;
                ObjectNode item = StacDocuments.item((ObjectNode) Json.parse(content), links);
                json.writeTree(finish.apply(request.fields().apply(item)));
                returned++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The opening of the document, once: then the HTTP reply may begin. */
        private void start() throws IOException {
            if (started.isDone()) return;
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeFieldName("features");
            json.writeStartArray();
            started.complete(null);
        }
    }
}
