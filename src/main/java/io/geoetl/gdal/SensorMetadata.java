package io.geoetl.gdal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;

/**
 * What a raster says about how it was taken, as STAC item properties: TIFF tags, EXIF, the IMD,
 * RPC and IMAGERY metadata domains, band descriptions and colour interpretation. Known values
 * become STAC fields (datetime, platform, constellation, instruments, gsd, view:*,
 * eo:cloud_cover, description); everything else, and every value that does not parse, is kept
 * as given under a {@code geoetl:*} property (docs/raster-metadata.md has the mapping table).
 * Reading never fails on a value: a raster whose metadata is odd still gets its item.
 */
public final class SensorMetadata {
    static final String VIEW_SCHEMA = "https://stac-extensions.github.io/view/v1.0.0/schema.json";
    static final String EO_SCHEMA = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
    private final Map<String, Object> properties;
    private final List<String> extensionSchemas;

    private SensorMetadata(Map<String, Object> properties, List<String> extensionSchemas) {
        this.properties = Map.copyOf(properties);
        this.extensionSchemas = List.copyOf(extensionSchemas);
    }

    /** Reads the metadata of an open dataset (only its metadata: no pixel is read). */
    public static SensorMetadata read(Dataset dataset) {
        GdalRuntime.init();
        RasterTags tags = RasterTags.of(dataset);
        Map<String, Object> properties = new SensorFieldMapper(tags).map();
        return new SensorMetadata(properties, extensionSchemasFor(properties.keySet()));
    }

    /** The schema URLs of the STAC extensions that properties with these names need. */
    public static List<String> extensionSchemasFor(Collection<String> propertyNames) {
        List<String> schemas = new ArrayList<>();
        if (propertyNames.stream().anyMatch(k -> k.startsWith("view:"))) schemas.add(VIEW_SCHEMA);
        if (propertyNames.stream().anyMatch(k -> k.startsWith("eo:"))) schemas.add(EO_SCHEMA);
        return schemas;
    }

    /** STAC property name → JSON-ready value (String, Double, List, Map of those). */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The schema URLs of the STAC extensions these properties use, for the item's stac_extensions. */
    public List<String> extensionSchemas() {
        return extensionSchemas;
    }

    @Override
    public String toString() {
        return "SensorMetadata" + properties;
    }
}
