package io.geoetl.promote;

import java.util.Set;

/**
 * Settings geoetl.promote.* (config/application.properties): which production schemas promotions
 * may write to, the default backend, the COPY buffer, and whether staging and production are the
 * same database (then a table cannot be promoted onto itself).
 */
record PromoteSettings(Set<String> allowedTargetSchemas, String defaultBackend, int copyBufferBytes, boolean sameDatabase) {}
