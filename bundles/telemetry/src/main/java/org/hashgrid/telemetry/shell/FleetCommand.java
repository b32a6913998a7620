package org.hashgrid.telemetry.shell;

import java.util.Collection;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.identity.console.HashgridCommand;
import org.hashgrid.telemetry.internal.FleetQuery;
import org.hashgrid.telemetry.internal.FleetQuery.FleetMiner;

/**
 * A miner command: hosting's inventory (miners, their status now, sites, models, operation log)
 * read through its exported {@link MinerInventory}, beside telemetry's own latest state.
 */
abstract class FleetCommand extends HashgridCommand {
    @Reference
    MinerInventory inventory;

    @Reference
    MinerDrivers drivers;

    @Reference(filter = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))")
    DataSource dataSource;

    /** The latest state of those of {@code minerIds} that are polled, by miner id. */
    Map<Long, FleetMiner> latest(Collection<Long> minerIds) {
        return new FleetQuery(dataSource).of(minerIds);
    }

    MinerLabels labels() {
        return new MinerLabels(inventory, drivers, accounts);
    }
}
