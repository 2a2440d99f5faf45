package io.geoetl.jobs;

/** Where doorbells that cannot be handled are parked for a person to look at. */
public interface PoisonQueue {

    /**
     * Parks a message.
     *
     * @param body         the message as it was received
     * @param reason       why it is poison, in words a person can act on
     * @param taskId       the task it named, or null when it could not be read
     * @param dequeueCount how often the queue had handed it out
     */
    void put(String body, String reason, String taskId, long dequeueCount);
}
