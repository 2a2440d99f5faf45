package io.geoetl;

import io.geoetl.config.RequiredSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Starts the router: routes from routes/*.yaml, settings from config/application.properties
 * plus config/application-{profile}.properties (GEOETL_PROFILE, default "local"), beans from
 * {@link GeoetlConfiguration}. Run from the project folder (or set GEOETL_HOME).
 */
public final class GeoetlMain {
    private GeoetlMain() {}

    public static void main(String[] args) throws Exception {
        String profile = profile();
        List<String> missing = RequiredSettings.missing(settings(home(), profile));
        if (!missing.isEmpty()) {
            System.err.println(RequiredSettings.message(profile, missing));
            System.exit(RequiredSettings.EXIT_CODE);
        }
        Main main = create(new GeoetlConfiguration());
        main.run(args);
    }

    /** The settings as the router will see them (files of the profile, system properties and environment variables). */
    private static Function<String, Optional<String>> settings(String home, String profile) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation(propertyLocations(home, profile));
        return properties::resolveProperty;
    }

    private static String home() {
        return System.getenv().getOrDefault("GEOETL_HOME", ".");
    }

    private static String profile() {
        return System.getenv().getOrDefault("GEOETL_PROFILE", "local");
    }

    /**
     * The settings files, most important first: Camel's properties component lets the first
     * location that has a key win, so the profile file comes before the base file.
     */
    public static String propertyLocations(String home, String profile) {
        return "file:" + home + "/config/application-" + profile + ".properties;optional=true,"
                + "file:" + home + "/config/application.properties";
    }

    /** A configured but not yet started Camel Main. */
    public static Main create(GeoetlConfiguration configuration) {
        String home = home();
        String profile = profile();
        Main main = new Main(); // no main class: Camel would scan its package and create the configuration a second time
        main.setPropertyPlaceholderLocations(propertyLocations(home, profile));
        main.configure().withRoutesIncludePattern("file:" + home + "/routes/*.yaml");
        main.configure().addConfiguration(configuration);
        return main;
    }
}
