package io.geoetl.config;

/**
 * One module's wiring: reads the module's own settings and binds its own beans (for its routes
 * and for the modules bound after it). Adding a capability = one package with one binder, listed
 * once in {@code io.geoetl.GeoetlConfiguration}.
 */
@FunctionalInterface
public interface ModuleBinder {
    void bind(Wiring wiring);
}
