package org.hashgrid.identity.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How the {@code hashgrid:} commands show values in their tables, the same in every module: an
 * absent value as {@value #NONE}, times to the second in UTC, measures rounded.
 */
public final class Cells {
    /** What a table shows for a value that is absent or was not reported. */
    public static final String NONE = "-";

    private Cells() {
    }

    /** {@code value} as text; instants to the second, decimals without exponent. */
    public static String text(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** {@code value} rounded half up to {@code decimals} places. */
    public static String number(Number value, int decimals) {
        if (value == null) {
            return NONE;
        }
        BigDecimal decimal = value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
        return decimal.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** How long before {@code now} {@code then} was, in its largest whole unit: {@code 42 s ago}, {@code 3 h ago}. */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return text(then);
        }
        long seconds = age.toSeconds();
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }
}
