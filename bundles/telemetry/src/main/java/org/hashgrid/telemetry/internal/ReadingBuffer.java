package org.hashgrid.telemetry.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the poller and the ingest writer. Adding never blocks: when it is
 * full the oldest reading makes room and is counted as dropped (a fresh reading is worth more
 * than an old one). Readings a failed write gives back return to the front, in order.
 */
public final class ReadingBuffer {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Reading> queue = new ArrayDeque<>();
    private final LongAdder dropped = new LongAdder();
    private volatile int capacity;

    public ReadingBuffer(int capacity) {
        resize(capacity);
    }

    /** A new capacity applies at once; a smaller one drops the oldest readings beyond it. */
    public void resize(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        lock.lock();
        try {
            this.capacity = capacity;
            trim();
        } finally {
            lock.unlock();
        }
    }

    public void add(Reading reading) {
        lock.lock();
        try {
            queue.addLast(reading);
            trim();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Puts readings a write could not store back at the front, oldest first. */
    public void giveBack(List<Reading> readings) {
        lock.lock();
        try {
            for (int i = readings.size() - 1; i >= 0; i--) {
                queue.addFirst(readings.get(i));
            }
            trim();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} readings, oldest first, waiting up to {@code wait} for the first.
     *
     * @return the readings, empty when none came in time
     */
    public List<Reading> take(int max, long wait, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(wait);
            while (queue.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<Reading> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (batch.size() < max && !queue.isEmpty()) {
                batch.add(queue.pollFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    private void trim() {
        while (queue.size() > capacity) {
            queue.pollFirst();
            dropped.increment();
        }
    }
}
