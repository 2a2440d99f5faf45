package io.geoetl.jobs;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings doorbells after the database committed what they announce. When the queue cannot be
 * reached the state is safe anyway (the database is the truth): the failure is logged and the
 * janitor re-sends doorbells of due tasks nobody claimed (geoetl.janitor.lost-doorbell-after).
 */
public final class BestEffortDoorbells implements TaskQueue {
    private static final Logger LOG = LoggerFactory.getLogger(BestEffortDoorbells.class);
    private final TaskQueue queue;

    public BestEffortDoorbells(TaskQueue queue) {
        this.queue = queue;
    }

    @Override
    public void send(List<TaskMessage> messages, Duration delay) {
        if (messages.isEmpty()) return;
        try {
            queue.send(messages, delay);
        } catch (RuntimeException e) {
            LOG.warn("{} doorbell(s) not sent, the queue did not answer ({}); the janitor will re-send them",
                    messages.size(), e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
