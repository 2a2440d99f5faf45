package io.geoetl.drop;

/** A dropped blob that cannot become a job of its own type; the message says why and what to do. */
public class RejectedDropException extends RuntimeException {
    private final String jobType;

    /** {@code jobType}: the type its file ending asked for, null when there is none. */
    public RejectedDropException(String jobType, String message) {
        super(message);
        this.jobType = jobType;
    }

    public String jobType() {
        return jobType;
    }
}
