package io.geoetl.testing;

/** Where a router finds its database and storage (the shared test services or private ones). */
public record ServiceAddresses(String dbUrl, String dbUser, String dbPassword, String storageConnectionString, String storageAccount) {

    public static ServiceAddresses shared() {
        TestServices s = TestServices.get();
        return new ServiceAddresses(s.dbUrl, s.dbUser, s.dbPassword, s.storageConnectionString, "devstoreaccount1");
    }

    public TestDb db() {
        return new TestDb(dbUrl, dbUser, dbPassword);
    }
}
