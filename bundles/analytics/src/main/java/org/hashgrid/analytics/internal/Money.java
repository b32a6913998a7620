package org.hashgrid.analytics.internal;

import java.math.BigDecimal;

/** Decimal configuration values, read exactly. */
final class Money {
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {
    }

    /** {@code text} as a decimal within {@code min}..{@code max} (max null: no bound); anything else throws. */
    static BigDecimal decimal(String text, BigDecimal min, BigDecimal max) {
        BigDecimal value = new BigDecimal(text.strip());
        if (value.compareTo(min) < 0 || (max != null && value.compareTo(max) > 0)) {
            throw new IllegalArgumentException(
                    value.toPlainString() + " is outside " + min + ".." + (max == null ? "" : max.toPlainString()));
        }
        return value;
    }
}
