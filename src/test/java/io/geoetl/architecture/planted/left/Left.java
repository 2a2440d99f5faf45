package io.geoetl.architecture.planted.left;

import io.geoetl.architecture.planted.right.Right;

/** Half of a planted package cycle: the cycle rule must reject it. */
public final class Left {
    Right right;
}
