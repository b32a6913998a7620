package org.hashgrid.telemetry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.hosting.Site;

/**
 * What telemetry needs of hosting, without hosting's bundle (JPA, address policy, outbox): the
 * miners registered in {@code hosting_miners}, listed with the same query as hosting's
 * {@code MinerService.enabledWithAddress} (so each cycle's listing costs the database what it costs
 * the platform), and the one driver. Status changes are not expected: every simulated miner answers.
 */
final class BenchmarkFleet implements MinerInventory, MinerDrivers {
    static final int SITES = 10;
    private final DataSource dataSource;
    private final MinerDriver driver;
    /** The poller looks the driver up right before each read: the reads attempted. */
    final LongAdder attempts = new LongAdder();

    BenchmarkFleet(DataSource dataSource, MinerDriver driver) {
        this.dataSource = dataSource;
        this.driver = driver;
    }

    /**
     * Registers {@code miners} miners on {@value #SITES} sites, miner i at the i-th address from
     * {@code firstAddress} (where the simulator's miner i listens), port {@code port}, with four
     * alert rules per site that the simulated values do not trip, so that the evaluator does its
     * per-reading work without raising alerts.
     */
    static void register(DataSource dataSource, int miners, String firstAddress, int port) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hosting_sites (name, capacity_mw) SELECT 'site ' || i, 50 FROM generate_series(1, "
                    + SITES + ") i");
            s.execute("INSERT INTO miner_models (name, manufacturer, hashrate, power_consumption) "
                    + "VALUES ('S19 Pro', 'Bitmain', 110, 3250)");
            s.execute("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip, cgminer_port) "
                    + "SELECT 'SIM-' || i, (SELECT min(id) FROM miner_models), (SELECT min(id) FROM hosting_sites) + i % "
                    + SITES + ", host('" + firstAddress + "'::inet + i), " + port + " FROM generate_series(0, "
                    + (miners - 1) + ") i");
            s.execute(
                    "INSERT INTO alert_rules (site_id, kind, threshold, for_minutes) SELECT id, k.kind, k.threshold, 5 "
                            + "FROM hosting_sites, (VALUES ('temperature_above', 120.0), ('hashrate_below', 1.0), "
                            + "('offline', NULL), ('fan_failure', NULL)) AS k(kind, threshold)");
            s.execute("SELECT hashgrid_ensure_telemetry_partitions(1)");
        }
    }

    @Override
    public List<PollTarget> pollTargets() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT id, site_id, status, driver, cgminer_ip, cgminer_port, "
                                + "client_id, miner_model_id FROM hosting_miners WHERE cgminer_enabled AND cgminer_ip IS NOT NULL "
                                + "ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            List<PollTarget> targets = new ArrayList<>();
            while (rs.next()) {
                targets.add(new PollTarget(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        new MinerEndpoint(rs.getString(5), rs.getInt(6)), rs.getString(7), rs.getLong(8)));
            }
            return targets;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the miners", e);
        }
    }

    @Override
    public Optional<MinerDriver> driver(String id) {
        attempts.increment();
        return Optional.of(driver).filter(d -> d.id().equals(id));
    }

    @Override
    public Collection<MinerDriver> all() {
        return List.of(driver);
    }

    @Override
    public Optional<Site> site(long id) {
        return Optional.empty(); // only asked when alert rules are changed through AlertService
    }

    @Override
    public Optional<MinerModelSpec> model(long id) {
        return Optional.empty(); // nominal hashrate unknown: hashrate_below judges nothing, as for an unknown model
    }

    @Override
    public Optional<Miner> miner(Caller caller, long id) {
        throw unexpected();
    }

    @Override
    public Page<Miner> miners(Caller caller, Long siteId, String status, PageRequest page) {
        throw unexpected();
    }

    @Override
    public long countMiners(Caller caller, Long siteId, String status) {
        throw unexpected();
    }

    @Override
    public Page<Operation> operations(Caller caller, long minerId, PageRequest page) {
        throw unexpected();
    }

    @Override
    public Miner changeStatus(Caller caller, long id, String status, String reason) {
        throw unexpected();
    }

    @Override
    public Miner changeStatusFrom(Caller caller, long id, String expected, String status, String reason) {
        throw unexpected(); // a miner failed its reads: MinerStatusTracker logs it, the report shows the failures
    }

    private static UnsupportedOperationException unexpected() {
        return new UnsupportedOperationException("not used by telemetry in this benchmark");
    }
}
