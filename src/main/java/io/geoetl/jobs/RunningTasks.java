package io.geoetl.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts this router is running right now, with their threads, so a shutdown can release them. */
final class RunningTasks {
    private final Map<String, Entry> running = new ConcurrentHashMap<>();

    /** One running attempt; {@code released} is set when a shutdown handed it back to the queue. */
    static final class Entry {
        final Task task;
        final Thread thread;
        volatile boolean released;

        Entry(Task task, Thread thread) {
            this.task = task;
            this.thread = thread;
        }
    }

    Entry add(Task task) {
        Entry entry = new Entry(task, Thread.currentThread());
        running.put(task.taskId(), entry);
        return entry;
    }

    void remove(Entry entry) {
        running.remove(entry.task.taskId(), entry);
    }

    List<Entry> snapshot() {
        return List.copyOf(running.values());
    }

    boolean isEmpty() {
        return running.isEmpty();
    }
}
