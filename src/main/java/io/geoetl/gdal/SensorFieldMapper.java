package io.geoetl.gdal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link RasterTags} into STAC properties. Each STAC field has its sources in order of
 * trust (the provider's own files before GDAL's digest of them, sensor metadata before file
 * tags); the first one that parses wins and leaves its namespace. Values that do not parse, and
 * later sources of a field already set, stay under their namespace as given.
 */
final class SensorFieldMapper {
    /** Layout, not sensor metadata: the item's geometry already says it. */
    private static final String AREA_OR_POINT = "AREA_OR_POINT";
    private final Map<String, String> tiff = new TreeMap<>();
    private final Map<String, String> exif = new TreeMap<>();
    private final Map<String, String> other = new TreeMap<>();
    private final Map<String, String> imd;
    private final Map<String, String> rpc;
    private final Map<String, String> imagery;
    private final List<RasterTags.BandTags> bands;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    SensorFieldMapper(RasterTags tags) {
        tags.defaults().forEach((key, value) -> {
            if (key.startsWith("TIFFTAG_")) tiff.put(key.substring("TIFFTAG_".length()).toLowerCase(Locale.ROOT), value);
            else if (key.startsWith("EXIF_")) exif.put(key.substring("EXIF_".length()), value);
            else if (!key.equals(AREA_OR_POINT)) other.put(key, value);
        });
        imd = new TreeMap<>(tags.imd());
        rpc = new TreeMap<>(tags.rpc());
        imagery = new TreeMap<>(tags.imagery());
        bands = tags.bands();
    }

    Map<String, Object> map() {
        first("datetime", SensorDates::toRfc3339, imdItem("firstLineTime"), imdItem("earliestAcqTime"),
                at(imagery, "ACQUISITIONDATETIME"), at(exif, "DateTimeOriginal"), at(exif, "DateTime"), at(tiff, "datetime"));
        first("platform", raw -> Texts.nonBlank(raw).map(p -> p.toLowerCase(Locale.ROOT)), imdItem("satId"), at(imagery, "SATELLITEID"));
        if (properties.get("platform") instanceof String platform) {
            Constellations.of(platform).ifPresent(c -> properties.put("constellation", c));
        }
        first("instruments", raw -> Texts.nonBlank(raw).map(m -> List.of(m.toLowerCase(Locale.ROOT))), at(tiff, "model"),
                at(exif, "Model"));
        first("description", Texts::nonBlank, at(tiff, "imagedescription"), at(exif, "ImageDescription"));
        first("gsd", raw -> Texts.number(raw, Double.MIN_VALUE, Double.MAX_VALUE), imdItem("meanCollectedGSD"), at(other, "GSD"));
        first("view:off_nadir", raw -> Texts.number(raw, 0, 90), imdItem("meanOffNadirViewAngle"), at(other, "OFF_NADIR"));
        first("view:azimuth", raw -> Texts.number(raw, 0, 360), imdItem("meanSatAz"), at(other, "SATELLITE_AZIMUTH"));
        first("view:sun_azimuth", raw -> Texts.number(raw, 0, 360), imdItem("meanSunAz"), at(other, "SUN_AZIMUTH"));
        first("view:sun_elevation", raw -> Texts.number(raw, -90, 90), imdItem("meanSunEl"), at(other, "SUN_ELEVATION"));
        // GDAL's IMAGERY domain gives percent (999 = unknown); DigitalGlobe IMD files a fraction 0..1.
        first("eo:cloud_cover", raw -> Texts.number(raw, 0, 1).map(f -> f * 100), imdItem("cloudCover"));
        first("eo:cloud_cover", raw -> Texts.number(raw, 0, 100), at(imagery, "CLOUDCOVER"), at(other, "CLOUD_COVER"),
                at(other, "CLOUDCOVER"));
        namespace("geoetl:tiff", tiff);
        namespace("geoetl:exif", exif);
        namespace("geoetl:metadata", other);
        namespace("geoetl:imd", imd);
        namespace("geoetl:rpc", rpc);
        namespace("geoetl:imagery", imagery);
        if (!bands.isEmpty()) properties.put("geoetl:bands", bandList());
        return properties;
    }

    /** One place a value may come from: a namespace map and the key it has there. */
    private record Source(Map<String, String> from, String key) {}

    private static Source at(Map<String, String> from, String key) {
        return new Source(from, key);
    }

    /** An IMD item by its last name part ({@code IMAGE_1.satId} or {@code satId}), case-insensitive. */
    private Source imdItem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String key : imd.keySet()) {
            String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (last.equals(lower)) return new Source(imd, key);
        }
        return new Source(imd, name);
    }

    /**
     * The first source that parses sets the field. GDAL derives the IMAGERY domain from the
     * provider's files (IMD …), so its items that parse are the same fact and are dropped once
     * the field is set; any other later source stays under its namespace.
     */
    private void first(String field, Function<String, Optional<?>> parse, Source... sources) {
        for (Source source : sources) {
            String raw = source.from().get(source.key());
            if (raw == null) continue;
            boolean taken = properties.containsKey(field);
            if (taken && source.from() != imagery) continue;
            Optional<?> value = parse.apply(raw);
            if (value.isEmpty()) continue;
            if (!taken) properties.put(field, value.get());
            source.from().remove(source.key());
        }
    }

    private void namespace(String name, Map<String, String> leftovers) {
        if (!leftovers.isEmpty()) properties.put(name, Map.copyOf(leftovers));
    }

    private List<Map<String, Object>> bandList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (RasterTags.BandTags band : bands) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", band.index());
            if (!band.description().isEmpty()) entry.put("description", band.description());
            entry.put("color_interpretation", band.colorInterpretation());
            list.add(Map.copyOf(entry));
        }
        return List.copyOf(list);
    }
}
