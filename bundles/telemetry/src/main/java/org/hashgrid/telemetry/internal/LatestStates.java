package org.hashgrid.telemetry.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of every polled miner, kept in memory by the ingest and written to
 * {@code miner_latest_state} by {@link #flush} every few seconds: only the miners that changed,
 * each once however many polls it had meanwhile. So the hot path is the raw {@code COPY} alone,
 * and a backlog after an outage costs one upsert per miner, not per reading. The in-memory count
 * of failed reads in a row is authoritative; it starts from the table's after a restart.
 */
public final class LatestStates {
    /** One miner's state; immutable, replaced on every poll. */
    public record State(long minerId, long siteId, String status, String clientId, long minerModelId,
            Instant lastAttempt, Instant lastSuccess, StoredReading reading, int consecutiveFailures,
            String lastError) {
    }

    /** A poll with what the ingest stored of it ({@code null} for a failed read). */
    public record Polled(Reading poll, StoredReading stored) {
    }

    /** What a poll left a miner at. */
    public record Outcome(long minerId, int consecutiveFailures) {
    }

    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private final Map<Long, State> dirty = new ConcurrentHashMap<>();

    /** Takes over what the table holds (after a restart), for the counts of failures in a row. */
    public void load(Map<Long, State> stored) {
        stored.forEach(states::putIfAbsent);
    }

    /**
     * Applies stored polls in the order of their attempts (a poll older than the state it meets,
     * from a concurrent writer, is ignored).
     *
     * @return the failures in a row of each miner polled, after this batch
     */
    public List<Outcome> record(List<Polled> batch) {
        Map<Long, Outcome> outcomes = new java.util.LinkedHashMap<>();
        for (Polled p : batch) {
            Reading poll = p.poll();
            State next = states.compute(poll.minerId(), (id, old) -> {
                if (old != null && old.lastAttempt() != null && poll.attemptedAt().isBefore(old.lastAttempt())) {
                    return old;
                }
                State state = p.stored() != null
                        ? new State(id, poll.siteId(), poll.status(), poll.clientId(), poll.minerModelId(),
                                poll.attemptedAt(), poll.attemptedAt(), p.stored(), 0, null)
                        : new State(id, poll.siteId(), poll.status(), poll.clientId(), poll.minerModelId(),
                                poll.attemptedAt(), old == null ? null : old.lastSuccess(),
                                old == null ? null : old.reading(), old == null ? 1 : old.consecutiveFailures() + 1,
                                poll.error());
                // inside compute, under the miner's lock: a concurrent writer's older state cannot
                // overwrite this one in the flush queue after we leave
                dirty.put(id, state);
                return state;
            });
            outcomes.put(next.minerId(), new Outcome(next.minerId(), next.consecutiveFailures()));
        }
        return new ArrayList<>(outcomes.values());
    }

    /**
     * Writes the states that changed since the last flush; those a failed write could not store
     * stay to be written next time.
     *
     * @return how many were written
     */
    public int flush(TelemetryStore store) throws SQLException {
        if (dirty.isEmpty()) {
            return 0;
        }
        List<State> changed = new ArrayList<>(dirty.values());
        changed.forEach(s -> dirty.remove(s.minerId(), s));
        try {
            store.upsertLatest(changed);
        } catch (SQLException | RuntimeException e) {
            changed.forEach(s -> dirty.putIfAbsent(s.minerId(), s));
            throw e;
        }
        return changed.size();
    }

    /** Forgets miners no longer polled (their rows are deleted by {@link TelemetryStore#retainLatest}). */
    public void retain(java.util.Set<Long> polled) {
        states.keySet().retainAll(polled);
        dirty.keySet().retainAll(polled);
    }

    public int pending() {
        return dirty.size();
    }

    public State state(long minerId) {
        return states.get(minerId);
    }
}
