package org.hashgrid.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each branch of the rule of {@link IndicatorValues#signal()}, with thresholds 30 and 70. */
class SignalRuleTest {
    private static final double NONE = Double.NaN;

    /** A rule whose MACD histogram was last below its signal line. */
    private static SignalRule belowTheLine() {
        SignalRule rule = new SignalRule(IndicatorSettings.DEFAULTS);
        assertEquals(Signal.NEUTRAL, rule.next(50, -1));
        return rule;
    }

    /** A rule whose MACD histogram was last above its signal line. */
    private static SignalRule aboveTheLine() {
        SignalRule rule = new SignalRule(IndicatorSettings.DEFAULTS);
        assertEquals(Signal.NEUTRAL, rule.next(50, 1));
        return rule;
    }

    @Test
    void rsiAtOrBelowOversoldBuys() {
        assertEquals(Signal.BUY, aboveTheLine().next(30, 1));
        assertEquals(Signal.BUY, aboveTheLine().next(0, 1));
        assertEquals(Signal.NEUTRAL, aboveTheLine().next(Math.nextUp(30.0), 1));
    }

    @Test
    void rsiAtOrAboveOverboughtSells() {
        assertEquals(Signal.SELL, aboveTheLine().next(70, 1));
        assertEquals(Signal.SELL, aboveTheLine().next(100, 1));
        assertEquals(Signal.NEUTRAL, aboveTheLine().next(Math.nextDown(70.0), 1));
    }

    @Test
    void macdCrossingAboveBuys() {
        assertEquals(Signal.BUY, belowTheLine().next(50, 0.0001));
    }

    @Test
    void macdCrossingBelowSells() {
        assertEquals(Signal.SELL, aboveTheLine().next(50, -0.0001));
    }

    @Test
    void equalityIsNoCrossButTheSideBeforeItCounts() {
        SignalRule rule = belowTheLine();
        assertEquals(Signal.NEUTRAL, rule.next(50, 0), "on the line: no cross");
        assertEquals(Signal.NEUTRAL, rule.next(50, -0.0), "on the line: no cross");
        assertEquals(Signal.BUY, rule.next(50, 0.5), "below, on the line, then above: crossed here");
        assertEquals(Signal.NEUTRAL, rule.next(50, 0), "on the line again");
        assertEquals(Signal.NEUTRAL, rule.next(50, 0.5), "above, on the line, above again: a touch, no cross");
        assertEquals(Signal.SELL, rule.next(50, -0.5));
    }

    @Test
    void staysNeutralWhileOnOneSide() {
        SignalRule rule = aboveTheLine();
        assertEquals(Signal.NEUTRAL, rule.next(50, 2));
        assertEquals(Signal.NEUTRAL, rule.next(50, 0.1));
    }

    @Test
    void theFirstKnownHistogramIsNoCross() {
        assertEquals(Signal.NEUTRAL, new SignalRule(IndicatorSettings.DEFAULTS).next(50, 1));
        assertEquals(Signal.NEUTRAL, new SignalRule(IndicatorSettings.DEFAULTS).next(50, -1));
    }

    @Test
    void unknownValuesGiveNoReason() {
        SignalRule rule = new SignalRule(IndicatorSettings.DEFAULTS);
        assertEquals(Signal.NEUTRAL, rule.next(NONE, NONE));
        assertEquals(Signal.NEUTRAL, rule.next(NONE, -1));
        assertEquals(Signal.BUY, rule.next(NONE, 1), "an unknown RSI does not hide a cross");
        assertEquals(Signal.SELL, rule.next(75, NONE), "an unknown MACD does not hide an RSI reason");
    }

    @Test
    void reasonsBothWaysCancel() {
        assertEquals(Signal.NEUTRAL, belowTheLine().next(75, 1), "overbought while crossing above");
        assertEquals(Signal.NEUTRAL, aboveTheLine().next(25, -1), "oversold while crossing below");
    }

    @Test
    void reasonsTheSameWayAgree() {
        assertEquals(Signal.BUY, belowTheLine().next(25, 1));
        assertEquals(Signal.SELL, aboveTheLine().next(75, -1));
    }

    @Test
    void thresholdsAreConfigurable() {
        SignalRule rule = new SignalRule(new IndicatorSettings(14, 12, 26, 9, 20, 2, 20, 80));
        assertEquals(Signal.NEUTRAL, rule.next(25, NONE));
        assertEquals(Signal.NEUTRAL, rule.next(75, NONE));
        assertEquals(Signal.BUY, rule.next(20, NONE));
        assertEquals(Signal.SELL, rule.next(80, NONE));
    }
}
