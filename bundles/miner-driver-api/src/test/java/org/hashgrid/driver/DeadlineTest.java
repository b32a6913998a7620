package org.hashgrid.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void liesTheTimeoutAhead() {
        long before = System.nanoTime();
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        long after = System.nanoTime();
        assertTrue(deadline.nanos() - before >= Duration.ofSeconds(10).toNanos());
        assertTrue(deadline.nanos() - after <= Duration.ofSeconds(10).toNanos());
        assertFalse(deadline.passed());
        Duration remaining = deadline.remaining();
        assertTrue(remaining.compareTo(Duration.ofSeconds(10)) <= 0 && remaining.compareTo(Duration.ofSeconds(9)) > 0,
                remaining.toString());
    }

    @Test
    void anyTimeoutBeyondADayIsCappedWithoutOverflow() {
        for (Duration timeout : new Duration[] { Duration.ofDays(2), Duration.ofDays(365L * 1000),
            Duration.ofSeconds(Long.MAX_VALUE) }) {
            Duration remaining = Deadline.after(timeout).remaining();
            assertTrue(remaining.compareTo(Deadline.LONGEST) <= 0
                    && remaining.compareTo(Deadline.LONGEST.minusMinutes(1)) > 0, timeout + ": " + remaining);
        }
    }

    @Test
    void noTimeIsPassedAtOnce() {
        assertTrue(Deadline.after(Duration.ZERO).passed());
        Deadline late = Deadline.after(Duration.ofSeconds(-5));
        assertTrue(late.passed());
        assertTrue(late.remaining().isNegative());
        assertEquals(late, new Deadline(late.nanos()));
    }

    @Test
    void aNullTimeoutIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> Deadline.after(null));
    }
}
