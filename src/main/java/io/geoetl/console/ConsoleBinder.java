package io.geoetl.console;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Wiring;

/** The web console of routes/console.yaml: its static files (see docs/console.md). */
public final class ConsoleBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        wiring.bind("consoleFiles", new ConsoleFiles());
        wiring.bind("consoleHeaders", new ConsoleHeaders());
    }
}
