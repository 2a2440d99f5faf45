import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STAC benchmark against a running router: bulk-upserts ITEMS generated items through
 * POST /api/stac/collections/{id}/items in batches of 1,000 (items/s), then, with a fixed seed,
 * 1,000 bbox + datetime searches (10°×10°, limit 10, sorted by datetime) and 1,000 CQL2 searches
 * on a property matching about 1 % of the items (sorted by another property): p50/p95/p99 latency
 * and the mean number of items returned. Args: base URL, API key, item count, phase ({@code load}
 * or {@code search}; bench/stac/run analyses the table between the two), and optionally the
 * router's process id: then each search line also gives the router's CPU time per search (user +
 * system, from /proc/<pid>/stat), a figure the machine's load hardly changes, unlike latency.
 */
public class StacBench {
    private static final Pattern RETURNED = Pattern.compile("\"numberReturned\":(\\d+)");
    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = 5L * 365 * 86400;
    /** USER_HZ: Linux reports process times in hundredths of a second on every common architecture. */
    private static final int CLOCK_TICKS = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String base;
    private static String key;
    private static Path routerStat;

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = args[1];
        int items = Integer.parseInt(args[2]);
        routerStat = args.length > 4 ? Path.of("/proc", args[4], "stat") : null;
        if (args[3].equals("load")) load(items);
        else search();
    }

    private static void load(int items) throws Exception {
        int batch = 1000;
        send("DELETE", "/api/stac/collections/bench", null);
        check(send("POST", "/api/stac/collections", collection()), 201);
        Random random = new Random(42);
        long start = System.nanoTime();
        for (int first = 0; first < items; first += batch) {
            StringBuilder body = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
            for (int i = first; i < Math.min(items, first + batch); i++) {
                if (i > first) body.append(',');
                item(body, i, random);
            }
            body.append("]}");
            check(send("POST", "/api/stac/collections/bench/items", body.toString()), 200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "bulk upsert: %d items in %.1f s = %.0f items/s (batches of %d)%n", items, seconds, items / seconds, batch);
    }

    private static final int WARM_UP_SEARCHES = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SEARCHES", "2000"));

    private static void search() throws Exception {
        Random queries = new Random(7);
        measure("bbox + datetime (10°x10°, limit 10, sortby -datetime)", 1000, () -> {
            double x = -180 + queries.nextDouble() * 350;
            double y = -80 + queries.nextDouble() * 150;
            Instant from = T0.plusSeconds((long) (queries.nextDouble() * (SPAN_SECONDS - 180L * 86400)));
            String datetime = from + "/" + from.plusSeconds(180L * 86400);
            return String.format(Locale.ROOT, "/api/stac/search?collections=bench&limit=10&sortby=-datetime&bbox=%.4f,%.4f,%.4f,%.4f&datetime=%s",
                    x, y, x + 10, y + 10, datetime);
        });
        measure("CQL2 property filter (~1 %, limit 10, sortby value)", 1000, () -> "/api/stac/search?collections=bench&limit=10&sortby=value&filter="
                + URLEncoder.encode("cloud = " + queries.nextInt(100) + " AND platform = 'sat-" + queries.nextInt(1) + "'", StandardCharsets.UTF_8));
    }

    private interface Query {
        String next();
    }

    private static void measure(String name, int count, Query query) throws Exception {
        double[] millis = new double[count];
        long returned = 0;
        // Not counted: a router serves searches for days, so the figure is its steady state, after the
        // JIT has compiled the search path (a few thousand calls) and autovacuum has analysed the load.
        for (int i = 0; i < WARM_UP_SEARCHES; i++) check(send("GET", query.next(), null), 200);
        long cpuBefore = routerCpuTicks();
        for (int i = 0; i < count; i++) {
            String path = query.next();
            long t = System.nanoTime();
            HttpResponse<String> reply = send("GET", path, null);
            millis[i] = (System.nanoTime() - t) / 1e6;
            check(reply, 200);
            Matcher m = RETURNED.matcher(reply.body());
            if (m.find()) returned += Long.parseLong(m.group(1));
        }
        long cpuTicks = routerCpuTicks() - cpuBefore;
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "%s: %d searches, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, mean %.1f items returned%s%n", name, count,
                millis[count / 2], millis[(int) (count * 0.95)], millis[(int) (count * 0.99)], returned / (double) count,
                routerStat == null ? "" : String.format(Locale.ROOT, ", router CPU %.2f ms per search", cpuTicks * 1000.0 / CLOCK_TICKS / count));
    }

    /** The router's user + system CPU time so far, in clock ticks (fields 14 and 15 of /proc/<pid>/stat), or 0 without a pid. */
    private static long routerCpuTicks() throws Exception {
        if (routerStat == null) return 0;
        String stat = Files.readString(routerStat);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void item(StringBuilder out, int i, Random random) {
        double x = -179 + random.nextDouble() * 357;
        double y = -79 + random.nextDouble() * 157;
        double w = 0.05 + random.nextDouble() * 0.5;
        double h = 0.05 + random.nextDouble() * 0.5;
        Instant t = T0.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS));
        out.append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"stac_extensions\":[],\"id\":\"item-%d\","
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]]},"
                + "\"bbox\":[%.5f,%.5f,%.5f,%.5f],\"properties\":{\"datetime\":\"%s\",\"cloud\":%d,\"platform\":\"sat-%d\",\"value\":%.4f},"
                + "\"links\":[],\"assets\":{\"data\":{\"href\":\"https://example.com/bench/%d.tif\",\"type\":\"image/tiff; application=geotiff\"}}}",
                i, x, y, x + w, y, x + w, y + h, x, y + h, x, y, x, y, x + w, y + h, t, random.nextInt(100), 0, random.nextDouble() * 1000, i));
    }

    private static String collection() {
        return "{\"type\":\"Collection\",\"stac_version\":\"1.0.0\",\"id\":\"bench\",\"description\":\"generated\",\"license\":\"proprietary\","
                + "\"extent\":{\"spatial\":{\"bbox\":[[-180,-90,180,90]]},\"temporal\":{\"interval\":[[null,null]]}},\"links\":[]}";
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> reply, int status) {
        if (reply.statusCode() != status) {
            throw new IllegalStateException(reply.request().method() + " " + reply.request().uri() + " → " + reply.statusCode() + ": "
                    + reply.body().substring(0, Math.min(500, reply.body().length())));
        }
    }
}
