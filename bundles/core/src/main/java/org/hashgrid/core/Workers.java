package org.hashgrid.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** Background work of components: one named daemon thread each, shut down on deactivation. */
public final class Workers {
    private Workers() {
    }

    /**
     * A single-thread scheduler whose thread is named {@code name} (visible in thread dumps) and
     * is a daemon, so it never holds the framework open.
     */
    public static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemons(name));
    }

    /** A pool of {@code threads} daemon threads named {@code name}. */
    public static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, daemons(name));
    }

    private static ThreadFactory daemons(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
