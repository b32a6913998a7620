package org.hashgrid.driver.antminer.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Performs commands through the web interface, one at a time per miner:
 * <ul>
 * <li>STOP, START, SET_MODE: read {@code get_miner_conf.cgi}, post the browser-shaped document
 * with {@code miner-mode} to {@code set_miner_conf.cgi} (reference §1.3). SET_MODE then reads the
 * configuration again, because a build that does not offer the mode keeps the old one and still
 * answers success [BMFW-setconf-A] [BMFW-setconf-B].</li>
 * <li>RESTART: a POST to {@code reboot.cgi}, a reboot of the whole controller; cgminer's own {@code restart}
 * is not reliable on stock builds, several answer "Invalid command" [MINERWATCH].</li>
 * </ul>
 * The model is checked first (cached per miner): the S17 generation takes positional form fields
 * that a JSON post would corrupt [BMFW-S17].
 */
public final class Commands {

    private static final String SUCCESS = "success";

    private final WebClient web;
    private final AntminerSettings settings;
    private final Lanes<MinerEndpoint> lanes = new Lanes<>();

    public Commands(WebClient web, AntminerSettings settings) {
        this.web = web;
        this.settings = settings;
    }

    /** Runs a command (not SET_POWER_LIMIT, which no stock build has) once the miner's earlier commands are done. */
    public CompletableFuture<CommandResult> execute(MinerEndpoint endpoint, MinerCredentials credentials,
            MinerCommand command, long deadline) {
        return lanes.run(endpoint, () -> switch (command.action()) {
            case STOP -> workMode(endpoint, credentials, command, WorkMode.SLEEP, deadline);
            case START -> workMode(endpoint, credentials, command, WorkMode.NORMAL, deadline);
            case SET_MODE -> workMode(endpoint, credentials, command, WorkMode.of(command.mode().orElseThrow()),
                    deadline);
            case RESTART -> reboot(endpoint, credentials, command, deadline);
            case SET_POWER_LIMIT -> throw new IllegalArgumentException("no power limit on stock firmware");
        });
    }

    /** @return the miner's model, from the cache or {@code get_system_info.cgi} ({@code minertype}) */
    public CompletableFuture<String> model(MinerEndpoint endpoint, MinerCredentials credentials, long deadline) {
        MinerState state = web.state(endpoint);
        MinerState.Cached<String> cached = state.model();
        if (cached != null && cached.freshFor(settings.identityTtl().toNanos(), System.nanoTime())) {
            return CompletableFuture.completedFuture(cached.value());
        }
        return web.json(endpoint, credentials, "get_system_info.cgi", null, deadline).thenApply(info -> {
            String model = info.path("minertype").asText("");
            if (model.isBlank()) {
                throw DriverFailures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR, "get_system_info.cgi at "
                        + endpoint + " names no minertype, which Bitmain stock firmware always does"));
            }
            state.model(model);
            return model;
        });
    }

    private CompletableFuture<CommandResult> workMode(MinerEndpoint endpoint, MinerCredentials credentials,
            MinerCommand command, WorkMode mode, long deadline) {
        return model(endpoint, credentials, deadline).thenCompose(model -> {
            if (Models.formWebUi(model)) {
                throw DriverFailures.wrap(new DriverException(FailureKind.UNSUPPORTED, model
                        + " stock firmware takes work modes as positional form fields (_ant_work_mode); this driver "
                        + "posts the S19/S21 JSON document only and leaves this miner untouched"));
            }
            return web.json(endpoint, credentials, "get_miner_conf.cgi", null, deadline);
        }).thenCompose(conf -> {
            if (!ConfDocument.hasWorkMode(conf)) {
                throw DriverFailures.wrap(new DriverException(FailureKind.UNSUPPORTED,
                        "this firmware's configuration has no work mode (stock S9-era builds have no sleep or power "
                                + "mode); only RESTART (reboot.cgi) is available"));
            }
            String body;
            try {
                body = ConfDocument.withMode(conf, mode);
            } catch (DriverException e) {
                throw DriverFailures.wrap(e);
            }
            return web.json(endpoint, credentials, "set_miner_conf.cgi", body, deadline);
        }).thenCompose(reply -> {
            web.state(endpoint).forgetMode();
            String outcome = acknowledged(endpoint, reply);
            String message = "work mode " + mode + " requested, the firmware answered " + outcome;
            if (mode == WorkMode.NORMAL || mode == WorkMode.SLEEP) {
                return CompletableFuture.completedFuture(new CommandResult(command, message
                        + "; a mode change restarts cgminer, so hashrate follows within tens of seconds"));
            }
            return confirmMode(endpoint, credentials, command, mode, message, deadline);
        });
    }

    /** High performance and low power exist on one build flavour each: read back which one this is. */
    private CompletableFuture<CommandResult> confirmMode(MinerEndpoint endpoint, MinerCredentials credentials,
            MinerCommand command, WorkMode mode, String message, long deadline) {
        return web.json(endpoint, credentials, "get_miner_conf.cgi", null, deadline).thenApply(conf -> {
            Optional<WorkMode> now = ConfDocument.workMode(conf);
            if (now.isPresent() && now.get() == mode) {
                return new CommandResult(command, message + "; the configuration now reads work mode " + mode);
            }
            MinerMode other = mode == WorkMode.LOW_POWER ? MinerMode.HIGH_PERFORMANCE : MinerMode.LOW_POWER;
            throw DriverFailures.wrap(new DriverException(FailureKind.UNSUPPORTED, "this build does not offer "
                    + mode.mode() + ": it acknowledged miner-mode " + mode.value() + " but kept work mode "
                    + conf.path(ConfDocument.WORK_MODE).asText("?") + " (stock builds accept either 0/1/2 or 0/1/3; "
                    + "try " + other + ")"));
        });
    }

    /** @return the firmware's code and message; a refusal fails as a protocol error naming them */
    private static String acknowledged(MinerEndpoint endpoint, JsonNode reply) {
        String outcome = reply.path("code").asText("?") + " " + reply.path("msg").asText("");
        if (!SUCCESS.equals(reply.path("stats").asText())) {
            throw DriverFailures.wrap(new DriverException(FailureKind.PROTOCOL_ERROR,
                    "set_miner_conf.cgi at " + endpoint + " refused the configuration: " + outcome.trim()));
        }
        return outcome.trim();
    }

    private CompletableFuture<CommandResult> reboot(MinerEndpoint endpoint, MinerCredentials credentials,
            MinerCommand command, long deadline) {
        // POST with an empty JSON object as asic-rs does [ASICRS-am-web]; pyasic and Tether GET it
        return web.authorizedMayClose(endpoint, credentials, "reboot.cgi", "{}", deadline).thenApply(reply -> {
            web.state(endpoint).forgetMode();
            if (reply == WebClient.CLOSED) {
                return new CommandResult(command,
                        "reboot requested; the controller closed the connection without a reply, as it does when it "
                                + "reboots");
            }
            if (reply.status() / 100 != 2) {
                throw DriverFailures.wrap(DriverException.protocolError("reboot.cgi at " + endpoint
                        + " answered HTTP " + reply.status() + " where Bitmain stock firmware reboots",
                        reply.body(), reply.body().length));
            }
            return new CommandResult(command, "reboot requested (HTTP " + reply.status() + ")");
        });
    }
}
