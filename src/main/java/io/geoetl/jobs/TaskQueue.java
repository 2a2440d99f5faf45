package io.geoetl.jobs;

import java.time.Duration;
import java.util.List;

/** Where task doorbells are rung (an Azure Storage queue; Azurite locally). */
public interface TaskQueue {

    /** Sends one message per task, each becoming visible after {@code delay}. */
    void send(List<TaskMessage> messages, Duration delay);
}
