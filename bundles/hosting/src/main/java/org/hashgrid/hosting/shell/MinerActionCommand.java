package org.hashgrid.hosting.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hashgrid.core.Caller;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.internal.MinerActionService;
import org.hashgrid.identity.console.HashgridCommand;

/**
 * {@code hashgrid:miner-action}: what {@code POST /miners/{id}/actions} does, under the same rules;
 * the operation log names the console's account (or {@code system:console:<Karaf user>}).
 */
@Command(scope = "hashgrid", name = "miner-action", description = "Stops, starts or restarts a miner, or switches "
        + "its hashing mode, through its driver; every attempt, failed or not, is written to the miner's operation log with who made it")
@Service
public class MinerActionCommand extends HashgridCommand {
    @Reference
    MinerActionService actions;

    @Argument(index = 0, name = "id", required = true, description = "The miner's id")
    long id;

    @Argument(index = 1, name = "action", required = true, description = "stop, start, restart or set_mode")
    @Completion(value = StringsCompleter.class, values = { "stop", "start", "restart", "set_mode" })
    String action;

    @Argument(index = 2, name = "mode", required = false, description = "for set_mode: normal, low_power or "
            + "high_performance")
    @Completion(value = StringsCompleter.class, values = { "normal", "low_power", "high_performance" })
    String mode;

    @Override
    protected void run(Caller caller) throws InterruptedException {
        Operation done = actions.act(caller, id, action, mode);
        System.out.println("Miner " + id + ": " + done.details());
    }
}
