package io.geoetl.stac;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.StacQuery;
import io.geoetl.store.StacQuery.SortKey;
import io.geoetl.store.StacRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;

/**
 * One page of items as a GeoJSON FeatureCollection, streamed ({@link StreamedReplies}): the rows
 * come from a database cursor and are written one by one while the client reads.
 * Paging is keyset-based (limit + 1 rows tell whether a next page exists); a prev page is found
 * by reading the keys backwards first. A page whose limit is at most {@code inPlaceLimit} (the
 * common limit=10 search) is written in place, on the request's thread: the request thread waits
 * for a streamed page's first 64 KiB anyway, which such a page rarely exceeds.
 */
final class ItemPages {
    private final Database db;
    private final StreamedReplies replies;
    private final int inPlaceLimit;

    ItemPages(Database db, StreamedReplies replies, int inPlaceLimit) {
        this.db = db;
        this.replies = replies;
        this.inPlaceLimit = inPlaceLimit;
    }

    /**
     * Replies with the page. {@code pageLink} makes the next/prev links from (rel, token);
     * {@code finish} is applied to each item as it is written (asset signing). The filter, the
     * keys of a prev page and the page itself are read in one transaction on the writer's thread
     * (the request's own for a small page);
     * a bad filter or token is still a 400 (the reply has not begun).
     */
    void reply(Exchange exchange, SearchRequest request, StacLinks links, List<ObjectNode> fixedLinks,
               BiFunction<String, String, ObjectNode> pageLink, UnaryOperator<ObjectNode> finish) {
        checkTokenFits(request.token(), request.sortOrDefault());
        StreamedReplies.BodyWriter page = out -> {
            PageWriter writer = new PageWriter(out, request, links, fixedLinks, pageLink, finish);
            db.inTransaction(tx -> {
                writer.run(tx.stac());
                return null;
            });
        };
        if (request.limit() <= inPlaceLimit) replies.inPlace(exchange, 200, StacLinks.GEOJSON, page);
        else replies.stream(exchange, 200, StacLinks.GEOJSON, page);
    }

    /** The page's query: after the token's keys (next), or before them (prev; then {@code hasPrev} tells whether an earlier page exists). */
    private record PageQuery(StacQuery query, boolean hasPrev) {
        static PageQuery of(SearchRequest request, StacQuery.Condition filter, StacRepository stac) {
            List<SortKey> sort = request.sortOrDefault();
            Interval interval = request.datetime();
            StacQuery base = new StacQuery(request.collections(), request.ids(), request.bbox(),
                    request.intersects() == null ? null : Json.write(request.intersects()),
                    interval == null ? null : interval.start(), interval == null ? null : interval.end(), filter, sort, null, false,
                    request.limit() + 1);
            PageToken token = request.token();
            if (token == null) return new PageQuery(base, false);
            if (!token.previous()) return new PageQuery(base.withKeyset(token.keys(), false), true);
            List<String> before = keysBefore(base, token.keys(), request.limit(), stac);
            if (before.size() <= request.limit()) return new PageQuery(base, false);
            return new PageQuery(base.withKeyset(PageToken.next(before.get(request.limit() - 1)).keys(), true), true);
        }

        private static List<String> keysBefore(StacQuery base, List<String> token, int limit, StacRepository stac) {
            List<SortKey> reversed = base.sort().stream().map(SortKey::reversed).toList();
            StacQuery backwards = base.withSort(reversed).withKeyset(token, false).withLimit(limit + 1);
            List<String> keys = new ArrayList<>();
            stac.search(backwards, true, (collection, id, content, rowKeys) -> keys.add(rowKeys));
            return keys;
        }
    }

    private static void checkTokenFits(PageToken token, List<SortKey> sort) {
        if (token != null && token.keys().size() != sort.size() + 2) {
            throw new ApiException(400, "invalid_token", "the token belongs to a search with another sortby; follow the links as given");
        }
    }

    /** Writes one page on a reply writer thread. */
    private static final class PageWriter {
        private final OutputStream out;
        private final SearchRequest request;
        private final StacLinks links;
        private final List<ObjectNode> fixedLinks;
        private final BiFunction<String, String, ObjectNode> pageLink;
        private final UnaryOperator<ObjectNode> finish;
        /** Every member, hrefs as stored: items are copied from their stored JSON, with no tree in between. */
        private final boolean asStored;
        private JsonGenerator json;
        private boolean hasPrev;
        private int returned;
        private boolean hasNext;
        private String firstKeys;
        private String lastKeys;

        PageWriter(OutputStream out, SearchRequest request, StacLinks links, List<ObjectNode> fixedLinks,
                   BiFunction<String, String, ObjectNode> pageLink, UnaryOperator<ObjectNode> finish) {
            this.out = out;
            this.request = request;
            this.links = links;
            this.fixedLinks = fixedLinks;
            this.pageLink = pageLink;
            this.finish = finish;
            this.asStored = request.fields().all() && finish == AssetSigning.AS_STORED;
        }

        /** Writes the page (an IOException: the client is gone or stopped reading). */
        void run(StacRepository stac) {
            try {
                PageQuery page = PageQuery.of(request, SearchFilters.condition(request, stac), stac);
                hasPrev = page.hasPrev();
                json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
                json.writeStartObject();
                json.writeStringField("type", "FeatureCollection");
                json.writeFieldName("features");
                json.writeStartArray();
                stac.search(page.query(), false, this::row);
                json.writeEndArray();
                ArrayNode all = Json.array();
                fixedLinks.forEach(all::add);
                if (hasNext) all.add(pageLink.apply("next", PageToken.next(lastKeys).encode()));
                if (hasPrev && firstKeys != null) all.add(pageLink.apply("prev", PageToken.prev(firstKeys).encode()));
                json.writeFieldName("links");
                json.writeTree(all);
                json.writeNumberField("numberReturned", returned);
                json.writeEndObject();
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void row(String collection, String id, String content, String keys) {
            try {
                if (returned == request.limit()) {
                    hasNext = true;
                    return;
                }
                if (firstKeys == null) firstKeys = keys;
                lastKeys = keys;
                if (asStored) {
                    StacDocuments.writeItem(json, content, collection, id, links);
                } else {
                    ObjectNode item = StacDocuments.item((ObjectNode) Json.parse(content), links);
                    json.writeTree(finish.apply(request.fields().apply(item)));
                }
                returned++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
