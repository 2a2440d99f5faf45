package io.geoetl.vector;

import java.util.List;
import java.util.Vector;

/** The vector formats geoetl reads, each with the GDAL drivers allowed to open it. */
enum VectorFormat {
    GEOJSON("GeoJSON"),
    SHAPEFILE("ESRI Shapefile"),
    GEOPACKAGE("GPKG"),
    CSV("CSV"),
    KML("LIBKML", "KML"),
    GPX("GPX"),
    FILEGDB("OpenFileGDB");

    private final List<String> drivers;

    VectorFormat(String... drivers) {
        this.drivers = List.of(drivers);
    }

    /** Only these drivers may open a file of this format (a .geojson is never sniffed as something else). */
    Vector<String> drivers() {
        return new Vector<>(drivers);
    }
}
