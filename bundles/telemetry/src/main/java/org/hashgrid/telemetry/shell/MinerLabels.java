package org.hashgrid.telemetry.shell;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.Site;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.AccountDirectory;
import org.hashgrid.identity.console.Cells;

/**
 * How the miner commands show what a miner refers to by id (site, model, client, driver) and
 * its measures. Each id is looked up once per command, however many miners name it.
 */
final class MinerLabels {
    private final MinerInventory inventory;
    private final MinerDrivers drivers;
    private final AccountDirectory accounts;
    private final Map<Long, String> sites = new HashMap<>();
    private final Map<Long, String> models = new HashMap<>();
    private final Map<String, String> people = new HashMap<>();

    MinerLabels(MinerInventory inventory, MinerDrivers drivers, AccountDirectory accounts) {
        this.inventory = inventory;
        this.drivers = drivers;
        this.accounts = accounts;
    }

    /** {@code 3 Texas North}. */
    String site(long id) {
        return sites.computeIfAbsent(id, key -> key + inventory.site(key).map(Site::name).map(" "::concat).orElse(""));
    }

    String model(long id) {
        return models.computeIfAbsent(id, key -> inventory.model(key).map(MinerModelSpec::name).orElse("#" + key));
    }

    /** The e-mail of an account, or {@code none} for no account (operator-owned, or the platform). */
    String account(String id, String none) {
        return id == null ? none
                : people.computeIfAbsent(id, key -> accounts.account(key).map(Account::email).orElse(key));
    }

    /** {@code cgminer 10.0.0.5:4028}, saying when the driver is not installed or the API is off. */
    String driver(Miner miner) {
        String endpoint = miner.cgminerIp() == null ? "(no address)"
                : new MinerEndpoint(miner.cgminerIp(), miner.cgminerPort()).toString();
        return miner.driver() + " " + endpoint + (drivers.driver(miner.driver()).isEmpty() ? " (driver absent)" : "")
                + (miner.cgminerEnabled() ? "" : " (API off)");
    }

    static String hashrate(BigDecimal ths) {
        return Cells.number(ths, 1);
    }

    static String temperature(BigDecimal celsius) {
        return Cells.number(celsius, 1);
    }

    static String power(BigDecimal watts) {
        return Cells.number(watts, 0);
    }
}
