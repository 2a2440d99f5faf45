package io.geoetl.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Settings of the router a {@link ConsoleBrowser} test class starts, as {@code "key=value"} (e.g. reads that need a key). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface RouterProperties {
    String[] value();
}
