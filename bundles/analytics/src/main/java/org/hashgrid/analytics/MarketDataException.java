package org.hashgrid.analytics;

/** A market source could not answer; the message says why, without secrets. */
public class MarketDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public MarketDataException(String message) {
        super(message);
    }

    public MarketDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
