package io.geoetl.jobs;

/**
 * Transactions over jobs, tasks and events. The orchestration declares what it needs here and
 * io.geoetl.store implements it, so this package never depends on the store.
 */
public interface OrchestrationDatabase {
    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work);

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(OrchestrationTx tx);
    }
}
