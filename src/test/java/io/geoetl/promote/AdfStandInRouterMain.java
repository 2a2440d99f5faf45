package io.geoetl.promote;

import io.geoetl.GeoetlConfiguration;
import io.geoetl.GeoetlMain;
import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * The real router for {@link io.geoetl.testing.RouterProcess}, with the adf backend pointed at the
 * stand-in of another JVM: the static test credential and an HTTP client trusting the stand-in's
 * certificate, read from the keystore named by -D{@value #KEYSTORE}.
 */
public final class AdfStandInRouterMain {
    static final String KEYSTORE = "geoetl.test.adf-keystore";

    private AdfStandInRouterMain() {}

    public static void main(String[] args) throws Exception {
        Main main = GeoetlMain.create(new GeoetlConfiguration());
        main.bind(PromoteBinder.ADF_CREDENTIAL, AdfStandIn.credential());
        main.bind(PromoteBinder.ADF_HTTP_CLIENT, AdfStandIn.httpClient(Path.of(System.getProperty(KEYSTORE))));
        main.run(args);
    }
}
