package io.geoetl.stac;

import java.util.regex.Pattern;

/**
 * The ids this catalogue accepts. They appear unescaped in URL paths, so they are restricted to
 * letters, digits and _ . - (items also :); collections up to 100 characters, items up to 200.
 */
final class StacIds {
    static final Pattern COLLECTION = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}$");
    static final Pattern ITEM = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.:\\-]{0,199}$");

    private StacIds() {}

    static String describeCollection() {
        return "letters, digits, _ . - (up to 100, not starting with . or -)";
    }

    static String describeItem() {
        return "letters, digits, _ . : - (up to 200, not starting with . : or -)";
    }
}
