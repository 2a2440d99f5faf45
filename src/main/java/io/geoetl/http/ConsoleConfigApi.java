package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Json;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * GET /api/console/config: what the web console needs to know before its first call, none of it
 * secret: how writes authenticate (api-key: a key typed into a dialog; entra: an Entra ID sign-in
 * with PKCE, whose public client id, authority and scopes are given here) and the basemap tile URL
 * (empty: no basemap).
 */
public final class ConsoleConfigApi {
    private final ObjectNode config;

    /** {@code authMode}: geoetl.auth.mode; the entra values are only served in that mode. */
    public ConsoleConfigApi(String authMode, String tenantId, String clientId, List<String> scopes, String basemapUrl) {
        ObjectNode node = Json.object();
        ObjectNode auth = node.putObject("auth");
        auth.put("mode", authMode);
        if ("entra".equals(authMode)) {
            ObjectNode entra = auth.putObject("entra");
            entra.put("client_id", clientId);
            entra.put("authority", tenantId.isEmpty() ? "" : "https://login.microsoftonline.com/" + tenantId);
            scopes.forEach(entra.putArray("scopes")::add);
        }
        node.put("basemap_url", basemapUrl);
        this.config = node;
    }

    public void config(Exchange exchange) {
        HttpReplies.json(exchange, 200, config);
    }
}
