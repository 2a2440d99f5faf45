package io.geoetl.raster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Times the steps of one task (download, COG write, checks, upload …) into the task's result, so a
 * slow run explains itself (bench/raster prints them). Besides wall seconds it records the router
 * process's CPU seconds over each step: on a busy machine wall time follows the load, CPU seconds
 * do not, and they can be set against `time gdal_translate`'s user + sys.
 */
final class StepClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ObjectNode seconds = Json.object();
    private final ObjectNode cpuSeconds = Json.object();

    <T> T time(String step, Supplier<T> work) {
        long wallStart = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        try {
            return work.get();
        } finally {
            seconds.put(step, round((System.nanoTime() - wallStart) / 1e9));
            cpuSeconds.put(step, round((OS.getProcessCpuTime() - cpuStart) / 1e9));
        }
    }

    void time(String step, Runnable work) {
        time(step, () -> {
            work.run();
            return null;
        });
    }

    double seconds(String step) {
        return seconds.get(step).asDouble();
    }

    /** Puts {@code step_seconds} and {@code step_cpu_seconds} (the process's CPU, every thread) on {@code result}. */
    void report(ObjectNode result) {
        result.set("step_seconds", seconds);
        result.set("step_cpu_seconds", cpuSeconds);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
