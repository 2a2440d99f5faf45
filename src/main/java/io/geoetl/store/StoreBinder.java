package io.geoetl.store;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;

/**
 * The database (settings geoetl.db.*): the connection pool (closed when the router stops),
 * migrations at start-up, and the same pool as the orchestration sees it. Beans: database, orchestrationDatabase.
 */
public final class StoreBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bind("database", wiring.closeOnStop(new Database(settings.text("geoetl.db.url"),
                settings.text("geoetl.db.user"), settings.secret("geoetl.db.password"), settings.integer("geoetl.db.pool-size"),
                settings.text("geoetl.db.application-name").trim())));
        if (settings.bool("geoetl.db.migrate")) {
            wiring.startup().until("the database (migrations)", database::migrate);
        }
        wiring.bind("orchestrationDatabase", database.orchestration());
        wiring.healthCheck("database", () -> "PostGIS " + database.postgisVersion());
    }
}
