package io.geoetl.architecture.planted.right;

import io.geoetl.architecture.planted.left.Left;

/** The other half of a planted package cycle. */
public final class Right {
    Left left;
}
