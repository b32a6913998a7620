package org.hashgrid.driver.whatsminer.internal;

import java.util.concurrent.CompletionException;

import org.hashgrid.driver.DriverException;

/** Carries a {@link DriverException} out of a stage's function, where only unchecked exceptions pass. */
final class Failures {

    private Failures() {
    }

    static CompletionException wrap(DriverException failure) {
        return new CompletionException(failure);
    }
}
