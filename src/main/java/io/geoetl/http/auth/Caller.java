package io.geoetl.http.auth;

/**
 * Who sent a request, once their credentials checked out.
 *
 * @param name     recorded in the event history as "api:&lt;name&gt;" (never the credential itself)
 * @param canWrite allowed to call mutating endpoints
 */
public record Caller(String name, boolean canWrite) {}
