package io.geoetl;

import org.apache.camel.main.Main;

/**
 * Starts the router: routes from routes/*.yaml, settings from config/application.properties
 * plus config/application-{profile}.properties (GEOETL_PROFILE, default "local"), beans from
 * {@link GeoetlConfiguration}. Run from the project folder (or set GEOETL_HOME).
 */
public final class GeoetlMain {
    private GeoetlMain() {}

    public static void main(String[] args) throws Exception {
        Main main = create(new GeoetlConfiguration());
        main.run(args);
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
        String home = System.getenv().getOrDefault("GEOETL_HOME", ".");
        String profile = System.getenv().getOrDefault("GEOETL_PROFILE", "local");
        Main main = new Main(); // no main class: Camel would scan its package and create the configuration a second time
        main.setPropertyPlaceholderLocations(propertyLocations(home, profile));
        main.configure().withRoutesIncludePattern("file:" + home + "/routes/*.yaml");
        main.configure().addConfiguration(configuration);
        return main;
    }
}
