package org.hashgrid.telemetry.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.identity.console.Cells;
import org.hashgrid.telemetry.internal.FleetQuery.FleetMiner;

/**
 * {@code hashgrid:miner-list}: hosting's miners (status as hosting has it now) beside their latest
 * state as telemetry keeps it (figures of the last successful read).
 */
@Command(scope = "hashgrid", name = "miner-list", description = "Lists miners by id with their status, driver and "
        + "address, and their last reading: when it was, hashrate, hottest sensor, power, failed reads in a row")
@Service
public class MinerListCommand extends FleetCommand {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 10_000;

    @Option(name = "--site", description = "Only the miners of this site (id)")
    Long site;

    @Option(name = "--status", description = "Only miners with this status: active, offline, maintenance or curtailed")
    @Completion(value = StringsCompleter.class, values = { "active", "offline", "maintenance", "curtailed" })
    String status;

    @Option(name = "--limit", description = "Show at most this many miners (default 50, at most 10000)")
    int limit = DEFAULT_LIMIT;

    @Override
    protected void run(Caller caller) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("--limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (site != null && inventory.site(site).isEmpty()) {
            throw ProblemException.notFound("Site", site);
        }
        List<Miner> miners = new ArrayList<>();
        String cursor = null;
        do {
            Page<Miner> page = inventory.miners(caller, site, status,
                    PageRequest.of(Math.min(PageRequest.MAX_LIMIT, limit - miners.size()), cursor));
            miners.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null && miners.size() < limit);
        Map<Long, FleetMiner> states = latest(miners.stream().map(Miner::id).toList());
        MinerLabels labels = labels();
        Instant now = Instant.now();

        ShellTable table = new ShellTable().emptyTableText("No miners");
        table.column("ID").alignRight();
        table.column("Serial");
        table.column("Site");
        table.column("Model");
        table.column("Status");
        table.column("Driver / endpoint");
        table.column("Last seen");
        table.column("TH/s").alignRight();
        table.column("Max °C").alignRight();
        table.column("Power W").alignRight();
        table.column("Failures").alignRight();
        for (Miner miner : miners) {
            FleetMiner state = states.get(miner.id());
            table.addRow().addContent(miner.id(), miner.serialNumber(), labels.site(miner.siteId()),
                    labels.model(miner.minerModelId()), miner.status(), labels.driver(miner),
                    state == null ? "not polled" : Cells.age(state.lastSuccessAt(), now),
                    MinerLabels.hashrate(state == null ? null : state.hashrate()),
                    MinerLabels.temperature(state == null ? null : state.temperature()),
                    MinerLabels.power(state == null ? null : state.power()),
                    state == null ? Cells.NONE : state.consecutiveFailures());
        }
        table.print(System.out);
        if (cursor != null) {
            long total = inventory.countMiners(caller, site, status);
            System.out.println((total - miners.size()) + " more of " + total + " not shown: raise --limit or "
                    + "narrow with --site / --status");
        }
    }
}
