package org.hashgrid.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A component's periodic background job on a daemon thread of its own, with the rule every such
 * component follows under live configuration: new settings reschedule the job (it runs after the
 * first delay with them, then at their period), the same settings again leave it alone.
 */
public final class PeriodicJob {
    private final ScheduledExecutorService scheduler;
    private final Runnable job;
    private ScheduledFuture<?> schedule;
    private Object settings;

    /** A job on a thread named {@code threadName}; nothing runs before {@link #schedule}. */
    public PeriodicJob(String threadName, Runnable job) {
        this.scheduler = Workers.singleThread(threadName);
        this.job = job;
    }

    /**
     * Runs the job for {@code settings} after {@code firstRun}, then {@code period} after the end of
     * each run; nothing changes when {@code settings} equal those of the last call.
     */
    public synchronized void schedule(Object settings, Duration firstRun, Duration period) {
        if (schedule != null && settings.equals(this.settings)) {
            return;
        }
        this.settings = settings;
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = scheduler.scheduleWithFixedDelay(job, firstRun.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the job for good, interrupting a run under way (on deactivation). */
    public void stop() {
        scheduler.shutdownNow();
    }
}
