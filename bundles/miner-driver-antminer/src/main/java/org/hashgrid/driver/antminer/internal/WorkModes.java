package org.hashgrid.driver.antminer.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;

/**
 * The work mode readings carry: {@code STATS[0]["miner-mode"]} of {@code stats.cgi}, the runtime
 * mode that production tooling reads to tell mining from sleeping [TETHER-am] [ASICRS-245]. It is
 * cached per miner, read at most once at a time, waits at most the configured time, and is left
 * out (never guessed) when the web interface cannot tell — no credentials, refused credentials
 * (then left alone for the back-off, so polls never hammer the login), a slow or failing CGI.
 */
public final class WorkModes {

    private final WebClient web;
    private final AntminerSettings settings;

    public WorkModes(WebClient web, AntminerSettings settings) {
        this.web = web;
        this.settings = settings;
    }

    /** @return the miner's work mode for a reading; never fails, empty when unknown */
    public CompletableFuture<Optional<WorkMode>> forReading(MinerEndpoint endpoint,
            Optional<MinerCredentials> credentials, long deadline) {
        if (credentials.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        MinerState state = web.state(endpoint);
        long now = System.nanoTime();
        MinerState.Cached<Optional<WorkMode>> cached = state.mode();
        if (cached != null && cached.freshFor(settings.modeCacheTtl().toNanos(), now)) {
            return CompletableFuture.completedFuture(cached.value());
        }
        if (state.refusedRecently(credentials.get(), settings.loginBackoff().toNanos())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long until = Math.min(deadline, now + settings.modeReadTimeout().toNanos());
        return state.modeFetch(() -> web.json(endpoint, credentials.get(), "stats.cgi", null, until)
                .thenApply(stats -> ConfDocument.number(stats.path("STATS").path(0).get("miner-mode"))
                        .flatMap(WorkMode::of))
                .handle((mode, failure) -> {
                    Optional<WorkMode> known = failure == null ? mode : Optional.empty();
                    state.mode(known);
                    return known;
                }));
    }

    /** @return the reading with the mode the web interface reported */
    public static MinerReading withMode(MinerReading r, MinerMode mode) {
        return r.toBuilder().mode(mode).build();
    }
}
