package io.geoetl.jobs;

/** One open database transaction, as the orchestration sees it. */
public interface OrchestrationTx {
    JobStore jobs();

    TaskStore tasks();

    JobEventStore events();

    /** Serialises stage bookkeeping of one job until this transaction ends. */
    void lockJob(String jobId);
}
