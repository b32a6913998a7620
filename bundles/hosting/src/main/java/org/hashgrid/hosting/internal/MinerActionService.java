package org.hashgrid.hosting.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.hosting.Operation;
import org.hashgrid.model.OperationType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops, starts and restarts miners through their drivers. Every attempt is written to the
 * operation log with the driver's answer or failure, whether it worked or not.
 */
@Component(service = MinerActionService.class, configurationPid = LiveReadService.PID)
public class MinerActionService {
    private static final Logger LOG = LoggerFactory.getLogger(MinerActionService.class);
    private static final Map<String, MinerCommand> COMMANDS = Map.of("stop", MinerCommand.stop(), "start",
            MinerCommand.start(), "restart", MinerCommand.restart());
    private static final Map<String, OperationType> OPERATIONS = Map.of("stop", OperationType.SHUTDOWN, "start",
            OperationType.START, "restart", OperationType.RESTART);

    private final MinerTargets targets;
    private final OperationLog log;
    private volatile Duration timeout;

    @Activate
    public MinerActionService(LiveReadService.Config config, @Reference MinerTargets targets,
            @Reference OperationLog log) {
        this.targets = targets;
        this.log = log;
        modified(config);
    }

    /** A changed timeout applies to the actions that start from now on. */
    @Modified
    void modified(LiveReadService.Config config) {
        timeout = ConfigCheck.apply(LiveReadService.PID, LiveReadService.Config.class, config, timeout,
                LiveReadService::timeout, LOG::warn);
    }

    /** Staff act at once: the action runs through the driver, and the attempt is logged either way. */
    public Operation act(Caller caller, long minerId, String actionInput) throws InterruptedException {
        String action = action(actionInput);
        return run(caller, targets.resolve(caller, minerId), action, "");
    }

    /** {@code input} as a known action word, or a 400. */
    static String action(String input) {
        String action = input == null ? null : input.strip().toLowerCase(Locale.ROOT);
        if (action == null || !COMMANDS.containsKey(action)) {
            throw ProblemException.invalidField("action", "must be stop, start or restart");
        }
        return action;
    }

    static OperationType operation(String action) {
        return OPERATIONS.get(action);
    }

    /**
     * Runs {@code action} on {@code target} for {@code caller}, logging the driver's answer or
     * failure ({@code why} is appended to the entry, e.g. the approved request it comes from).
     */
    Operation run(Caller caller, MinerTargets.Target target, String action, String why) throws InterruptedException {
        long minerId = target.miner().id();
        OperationType operation = OPERATIONS.get(action);
        Duration timeout = this.timeout;
        try {
            CommandResult result = MinerTargets.await(
                    target.driver().execute(target.endpoint(), COMMANDS.get(action), timeout), timeout);
            LOG.info("Miner {}: {} by {} acknowledged", minerId, action, caller.userId());
            return log.record(minerId, operation, caller, action + " acknowledged by " + target.miner().driver() + ": "
                    + result.message() + why);
        } catch (DriverException e) {
            log.record(minerId, operation, caller,
                    action + " failed: " + e.kind() + " " + MinerTargets.shareable(e) + why);
            LOG.info("Miner {}: {} by {} failed: {} {}", minerId, action, caller.userId(), e.kind(), e.getMessage());
            throw MinerTargets.problem(target, e);
        }
    }
}
