package org.hashgrid.driver.antminer.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.ProbeResult;

/**
 * Recognises stock firmware's web interface and what it tells about the miner. Without
 * credentials an unauthenticated request must be challenged for Digest realm
 * {@code antMiner Configuration} [ASICRS-am-fw]; with them {@code get_system_info.cgi} gives
 * {@code minertype}, {@code serinum} and the firmware build [ASICRS-am-json] [STOCKDOC], and
 * {@code get_miner_conf.cgi} shows whether the build has work modes [BMFW-S9].
 */
public final class Identity {

    /**
     * What the web interface told.
     *
     * @param workModes whether the build has work modes; empty when it could not be read (no credentials)
     */
    public record Web(Optional<String> model, Optional<String> serialNumber, Optional<String> firmware,
            Optional<Boolean> workModes) {
    }

    private static final String SYSTEM_INFO = "get_system_info.cgi";

    private final WebClient web;
    private final Commands commands;

    public Identity(WebClient web, Commands commands) {
        this.web = web;
        this.commands = commands;
    }

    /** @return what the web interface at the endpoint tells; fails PROTOCOL_ERROR when it is not stock firmware's */
    public CompletableFuture<Web> of(MinerEndpoint endpoint, Optional<MinerCredentials> credentials, long deadline) {
        if (credentials.isEmpty()) {
            return web.anonymous(endpoint, SYSTEM_INFO, deadline).thenApply(reply -> {
                if (reply.status() != 401) {
                    throw DriverFailures.wrap(DriverException.protocolError("the web interface at " + endpoint
                            + " answered " + SYSTEM_INFO + " with HTTP " + reply.status()
                            + " without asking for Bitmain stock firmware's Digest authentication",
                            reply.body(), reply.body().length));
                }
                WebClient.challenge(endpoint, reply);
                return new Web(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            });
        }
        MinerCredentials account = credentials.get();
        return web.json(endpoint, account, SYSTEM_INFO, null, deadline).thenCompose(info -> {
            String model = info.path("minertype").asText("");
            if (!model.isBlank()) {
                web.state(endpoint).model(model);
            }
            return web.json(endpoint, account, "get_miner_conf.cgi", null, deadline)
                    .thenApply(conf -> new Web(text(model), text(info.path("serinum").asText("")),
                            text(info.path("system_filesystem_version").asText(""))
                                    .map(version -> "Bitmain stock " + version),
                            Optional.of(ConfDocument.hasWorkMode(conf))));
        });
    }

    /**
     * @return the probe result: model, firmware and serial number from the web where it told them,
     *         capabilities by generation — sleep, wake and work modes only where the build has them
     */
    public static ProbeResult result(String driverId, ProbeResult cgminer, Web web) {
        Optional<String> model = web.model().or(cgminer::model);
        Set<DriverCapability> capabilities = EnumSet.of(DriverCapability.READ, DriverCapability.PROBE,
                DriverCapability.RESTART);
        boolean formWebUi = model.map(Models::formWebUi).orElse(false);
        boolean workModes = web.workModes().orElseGet(() -> !model.map(Models::predatesWorkModes).orElse(false));
        if (workModes && !formWebUi) {
            capabilities.addAll(EnumSet.of(DriverCapability.STOP, DriverCapability.START, DriverCapability.SET_MODE));
        }
        return new ProbeResult(driverId, model, web.firmware().or(cgminer::firmware),
                web.serialNumber().or(cgminer::serialNumber), capabilities);
    }

    /** @return the web interface's failure; a protocol error also names what answers on the cgminer port */
    public static DriverException named(ProbeResult cgminer, DriverException failure) {
        if (failure.kind() != FailureKind.PROTOCOL_ERROR) {
            return failure;
        }
        String seen = cgminer.model().orElse("a miner") + cgminer.firmware().map(f -> " (" + f + ")").orElse("");
        return new DriverException(FailureKind.PROTOCOL_ERROR,
                seen + " answers on the CGMiner port, but " + failure.getMessage(), failure);
    }

    private static Optional<String> text(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
