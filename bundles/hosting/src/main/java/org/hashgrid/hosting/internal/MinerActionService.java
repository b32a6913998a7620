package org.hashgrid.hosting.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.Validation;
import org.hashgrid.driver.CommandResult;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.MinerCommand;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.hosting.Operation;
import org.hashgrid.model.OperationType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops, starts and restarts miners and switches their hashing mode through their drivers. Every
 * attempt is written to the operation log with the driver's answer or failure, whether it worked
 * or not.
 */
@Component(service = MinerActionService.class, configurationPid = LiveReadService.PID)
public class MinerActionService {
    private static final Logger LOG = LoggerFactory.getLogger(MinerActionService.class);
    static final String SET_MODE = "set_mode";
    private static final Map<String, MinerCommand> COMMANDS = Map.of("stop", MinerCommand.stop(), "start",
            MinerCommand.start(), "restart", MinerCommand.restart());
    private static final Map<String, OperationType> OPERATIONS = Map.of("stop", OperationType.SHUTDOWN, "start",
            OperationType.START, "restart", OperationType.RESTART, SET_MODE, OperationType.SET_MODE);
    private static final Map<String, MinerMode> MODES = Map.of("normal", MinerMode.NORMAL, "low_power",
            MinerMode.LOW_POWER, "high_performance", MinerMode.HIGH_PERFORMANCE);

    /** A checked action word and, exactly for {@code set_mode}, the mode word. */
    record Action(String action, String mode) {

        MinerCommand command() {
            return mode == null ? COMMANDS.get(action) : MinerCommand.setMode(MODES.get(mode));
        }

        OperationType operation() {
            return OPERATIONS.get(action);
        }

        /** {@code stop}, or {@code set_mode low_power}: how logs name it. */
        @Override
        public String toString() {
            return mode == null ? action : action + " " + mode;
        }
    }

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
    public Operation act(Caller caller, long minerId, String actionInput, String modeInput)
            throws InterruptedException {
        Action action = action(actionInput, modeInput);
        return run(caller, targets.resolve(caller, minerId), action, "");
    }

    /** {@code input} (and {@code modeInput} for set_mode) as a known action, or a 400. */
    static Action action(String input, String modeInput) {
        String action = word(input);
        String mode = word(modeInput);
        boolean known = action != null && OPERATIONS.containsKey(action);
        new Validation().check(known, "action", "must be stop, start, restart or set_mode")
                .check(!known || !SET_MODE.equals(action) || mode != null && MODES.containsKey(mode), "mode",
                        "must be normal, low_power or high_performance for set_mode")
                .check(!known || SET_MODE.equals(action) || mode == null, "mode", "belongs to set_mode only")
                .validate();
        return new Action(action, SET_MODE.equals(action) ? mode : null);
    }

    private static String word(String input) {
        return input == null ? null : input.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs {@code action} on {@code target} for {@code caller}, logging the driver's answer or
     * failure ({@code why} is appended to the entry, e.g. the approved request it comes from).
     */
    Operation run(Caller caller, MinerTargets.Target target, Action action, String why) throws InterruptedException {
        long minerId = target.miner().id();
        Duration timeout = this.timeout;
        try {
            CommandResult result = MinerTargets
                    .await(target.driver().execute(target.access(), action.command(), timeout), timeout);
            LOG.info("Miner {}: {} by {} acknowledged", minerId, action, caller.userId());
            return log.record(minerId, action.operation(), caller, action + " acknowledged by "
                    + target.miner().driver() + ": " + target.scrub(String.valueOf(result.message())) + why);
        } catch (DriverException e) {
            log.record(minerId, action.operation(), caller,
                    action + " failed: " + e.kind() + " " + target.shareable(e) + why);
            LOG.info("Miner {}: {} by {} failed: {}", minerId, action, caller.userId(), target.describe(e));
            throw MinerTargets.problem(target, e);
        }
    }
}
