package io.geoetl.gdal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The constellation a satellite id belongs to, for the ids GDAL's metadata readers report (WV02, PHR1A, S2A …). */
final class Constellations {
    private static final Map<String, String> BY_PREFIX = Map.ofEntries(
            Map.entry("wv", "worldview"), Map.entry("worldview", "worldview"),
            Map.entry("qb", "quickbird"), Map.entry("quickbird", "quickbird"),
            Map.entry("ge", "geoeye"), Map.entry("geoeye", "geoeye"),
            Map.entry("ik", "ikonos"), Map.entry("ikonos", "ikonos"),
            Map.entry("phr", "pleiades"), Map.entry("pleiades", "pleiades"),
            Map.entry("spot", "spot"),
            Map.entry("s2", "sentinel-2"), Map.entry("sentinel-2", "sentinel-2"),
            Map.entry("landsat", "landsat"), Map.entry("l8", "landsat"), Map.entry("l9", "landsat"),
            Map.entry("rapideye", "rapideye"), Map.entry("kompsat", "kompsat"), Map.entry("resurs", "resurs"));

    private Constellations() {}

    /** The constellation of a platform id, or empty when it is not one geoetl knows. */
    static Optional<String> of(String platform) {
        String id = platform.toLowerCase(Locale.ROOT);
        String best = null;
        for (String prefix : BY_PREFIX.keySet()) {
            if (id.startsWith(prefix) && (best == null || prefix.length() > best.length())) best = prefix;
        }
        return Optional.ofNullable(best).map(BY_PREFIX::get);
    }
}
