package io.geoetl.jobs;

import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC keys every log line written while a task runs carries (job_id, task_id, job_type), so
 * one job's lines can be found among many (text: in brackets; JSON lines: under "mdc").
 */
public final class TaskLogContext implements AutoCloseable {
    public static final String JOB_ID = "job_id";
    public static final String TASK_ID = "task_id";
    public static final String JOB_TYPE = "job_type";

    private final Map<String, String> previous;

    private TaskLogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Sets the keys on this thread until {@link #close()}, which restores what was there before. */
    public static TaskLogContext open(String jobId, String taskId, String jobType) {
        TaskLogContext context = new TaskLogContext(MDC.getCopyOfContextMap());
        MDC.put(JOB_ID, jobId);
        MDC.put(TASK_ID, taskId);
        MDC.put(JOB_TYPE, jobType);
        return context;
    }

    /** {@code work} with this thread's keys, for work a task hands to another thread (a pool, a timer). */
    public static Runnable carry(Runnable work) {
        Map<String, String> keys = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (keys == null) MDC.clear(); else MDC.setContextMap(keys);
            try {
                work.run();
            } finally {
                if (before == null) MDC.clear(); else MDC.setContextMap(before);
            }
        };
    }

    @Override
    public void close() {
        if (previous == null) MDC.clear(); else MDC.setContextMap(previous);
    }
}
