package org.hashgrid.telemetry.shell;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hashgrid.core.Caller;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.Operation;
import org.hashgrid.identity.console.Cells;
import org.hashgrid.telemetry.ReadingFlags;
import org.hashgrid.telemetry.internal.FleetQuery.FleetMiner;

/** {@code hashgrid:miner-show}: one miner as hosting has it, its latest state, and its newest operations. */
@Command(scope = "hashgrid", name = "miner-show", description = "Shows a miner: its inventory record, its last "
        + "reading with every hashboard's sensors and chips, its pools and fans, and the newest entries of its "
        + "operation log")
@Service
public class MinerShowCommand extends FleetCommand {
    /** What each bit of a reading's flags means, as the console says it. */
    private static final Map<Integer, String> FLAGS = Map.of(ReadingFlags.TEMPERATURE_DROPPED,
            "temperature dropped", ReadingFlags.HASHRATE_DROPPED, "hashrate dropped", ReadingFlags.POWER_DROPPED,
            "power dropped", ReadingFlags.FAN_DROPPED, "fan speed dropped", ReadingFlags.CLOCK_SKEW,
            "miner clock off");

    @Argument(index = 0, name = "id", required = true, description = "The miner's id")
    long id;

    @Option(name = "--operations", description = "How many of the newest operation-log entries to show "
            + "(default 5, 0 for none)")
    int operations = 5;

    @Override
    protected void run(Caller caller) {
        if (operations < 0 || operations > PageRequest.MAX_LIMIT) {
            throw ProblemException.invalidField("--operations", "must be between 0 and " + PageRequest.MAX_LIMIT);
        }
        Miner miner = inventory.miner(caller, id).orElseThrow(() -> ProblemException.notFound("Miner", id));
        MinerLabels labels = labels();
        Instant now = Instant.now();
        ShellTable record = fields();
        field(record, "Miner", miner.id() + " " + miner.serialNumber());
        field(record, "Site", labels.site(miner.siteId()));
        field(record, "Model", labels.model(miner.minerModelId()));
        field(record, "Status", miner.status());
        field(record, "Driver / endpoint", labels.driver(miner));
        field(record, "Client", labels.account(miner.clientId(), "operator"));
        field(record, "Purchased", Cells.text(miner.purchaseDate()));
        field(record, "Warranty until", Cells.text(miner.warrantyExpiry()));
        field(record, "Registered", Cells.text(miner.createdAt()));
        field(record, "Updated", Cells.text(miner.updatedAt()));
        record.print(System.out);

        FleetMiner state = latest(List.of(id)).get(id);
        System.out.println();
        if (state == null) {
            System.out.println("No reading: telemetry does not poll this miner (API off, no address, or an "
                    + "address the policy refuses)");
        } else {
            printState(state, now);
        }
        if (operations > 0) {
            System.out.println();
            printOperations(inventory.operations(caller, id, PageRequest.of(operations, null)).items(), labels);
        }
    }

    private static void printState(FleetMiner state, Instant now) {
        Map<String, Object> detail = state.detail() == null ? Map.of() : state.detail();
        ShellTable reading = fields();
        field(reading, "Last reading", state.recordedAt() == null ? "none yet"
                : Cells.text(state.recordedAt()) + " (" + Cells.age(state.recordedAt(), now) + ")");
        field(reading, "Last attempt", Cells.text(state.lastAttemptAt()) + " (" + Cells.age(state.lastAttemptAt(), now)
                + ")");
        field(reading, "Failed reads in a row", state.consecutiveFailures()
                + (state.lastError() == null ? "" : ", last: " + state.lastError()));
        field(reading, "Hashrate TH/s", MinerLabels.hashrate(state.hashrate()));
        field(reading, "Max temperature °C", MinerLabels.temperature(state.temperature()));
        field(reading, "Power W", MinerLabels.power(state.power()));
        field(reading, "Efficiency J/TH", Cells.number(state.efficiency(), 1));
        field(reading, "Fan RPM (mean)", Cells.text(state.fanSpeed()));
        field(reading, "Uptime s", Cells.text(detail.get("uptime_seconds")));
        field(reading, "Shares accepted / rejected", Cells.text(detail.get("accepted_shares")) + " / "
                + Cells.text(detail.get("rejected_shares")));
        field(reading, "Hardware errors", Cells.text(detail.get("hardware_errors")));
        field(reading, "Pool", Cells.text(detail.get("pool_url")));
        field(reading, "Firmware", Cells.text(detail.get("firmware")));
        field(reading, "Firmware name / version", Cells.text(detail.get("firmware_name")) + " / "
                + Cells.text(detail.get("firmware_version")));
        field(reading, "MAC address", Cells.text(detail.get("mac_address")));
        field(reading, "Nominal TH/s", detail.get("nominal_hashrate") instanceof Number n ? Cells.number(n, 2)
                : Cells.NONE);
        field(reading, "Mode", Cells.text(detail.get("mode")));
        field(reading, "Power limit W", Cells.text(detail.get("power_limit")));
        field(reading, "PSU fan RPM", Cells.text(detail.get("psu_fan_speed")));
        field(reading, "Errors", list(detail.get("errors")).isEmpty() ? "none"
                : list(detail.get("errors")).stream().map(Cells::text).collect(Collectors.joining("; ")));
        field(reading, "Flags", state.flags() == 0 ? "none" : FLAGS.entrySet().stream()
                .filter(flag -> (state.flags() & flag.getKey()) != 0).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).collect(Collectors.joining(", ")));
        reading.print(System.out);

        List<?> boardDetails = list(detail.get("boards"));
        if (!boardDetails.isEmpty()) {
            System.out.println();
            printBoards(boardDetails);
        } else {
            printHottest(list(detail.get("board_temperatures")), list(detail.get("chip_temperatures")));
        }
        List<?> pools = list(detail.get("pools"));
        if (!pools.isEmpty()) {
            System.out.println();
            printPools(pools);
        }
        List<?> fans = list(detail.get("fan_speeds"));
        if (!fans.isEmpty()) {
            System.out.println("Fans RPM: " + fans.stream().map(Cells::text).collect(Collectors.joining(", ")));
        }
    }

    /** Each hashboard with every sensor, as the driver read it. */
    private static void printBoards(List<?> boards) {
        ShellTable table = new ShellTable();
        table.column("Hashboard").alignRight();
        table.column("TH/s").alignRight();
        table.column("Nominal").alignRight();
        table.column("Board °C");
        table.column("Chip °C");
        table.column("Chips (failing)").alignRight();
        table.column("HW errors").alignRight();
        for (Object item : boards) {
            Map<?, ?> board = item instanceof Map<?, ?> map ? map : Map.of();
            table.addRow().addContent(Cells.text(board.get("index")), decimal(board.get("hashrate")),
                    decimal(board.get("nominal_hashrate")), sensors(board.get("board_temperatures")),
                    sensors(board.get("chip_temperatures")),
                    Cells.text(board.get("chips")) + " (" + Cells.text(board.get("failed_chips")) + ")",
                    Cells.text(board.get("hardware_errors")));
        }
        table.print(System.out);
    }

    /** Readings stored before per-board detail: the hottest board and chip sensor of each board. */
    private static void printHottest(List<?> boards, List<?> chips) {
        if (boards.isEmpty() && chips.isEmpty()) {
            return;
        }
        System.out.println();
        ShellTable hashboards = new ShellTable();
        hashboards.column("Hashboard").alignRight();
        hashboards.column("Board °C").alignRight();
        hashboards.column("Chip °C").alignRight();
        for (int board = 0; board < Math.max(boards.size(), chips.size()); board++) {
            hashboards.addRow().addContent(board + 1, celsius(boards, board), celsius(chips, board));
        }
        hashboards.print(System.out);
    }

    private static void printPools(List<?> pools) {
        ShellTable table = new ShellTable();
        table.column("Pool").alignRight();
        table.column("URL");
        table.column("User");
        table.column("Status");
        table.column("Priority").alignRight();
        table.column("Active");
        table.column("Accepted / rejected / stale").alignRight();
        for (Object item : pools) {
            Map<?, ?> pool = item instanceof Map<?, ?> map ? map : Map.of();
            table.addRow().addContent(Cells.text(pool.get("index")), Cells.text(pool.get("url")),
                    Cells.text(pool.get("user")), Cells.text(pool.get("status")), Cells.text(pool.get("priority")),
                    Boolean.TRUE.equals(pool.get("active")) ? "yes" : "no",
                    Cells.text(pool.get("accepted")) + " / " + Cells.text(pool.get("rejected")) + " / "
                            + Cells.text(pool.get("stale")));
        }
        table.print(System.out);
    }

    private static String decimal(Object value) {
        return value instanceof Number n ? Cells.number(n, 2) : Cells.NONE;
    }

    private static String sensors(Object values) {
        List<?> list = list(values);
        return list.isEmpty() ? Cells.NONE
                : list.stream().map(t -> t instanceof Number n ? Cells.number(n, 0) : Cells.NONE)
                        .collect(Collectors.joining(" "));
    }

    private static void printOperations(List<Operation> entries, MinerLabels labels) {
        System.out.println("Operation log, newest first:");
        ShellTable table = new ShellTable().emptyTableText("No operations");
        table.column("Entry").alignRight();
        table.column("When");
        table.column("What");
        table.column("By");
        table.column("Details").maxSize(80).wrap();
        entries.forEach(entry -> table.addRow().addContent(entry.id(), Cells.text(entry.timestamp()),
                entry.operation(), labels.account(entry.performedBy(), "platform"), Cells.text(entry.details())));
        table.print(System.out);
    }

    private static ShellTable fields() {
        ShellTable table = new ShellTable().noHeaders();
        table.column("Field");
        table.column("Value");
        return table;
    }

    private static void field(ShellTable table, String name, String value) {
        table.addRow().addContent(name, value);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String celsius(List<?> values, int index) {
        return index < values.size() && values.get(index) instanceof Number t ? Cells.number(t, 1) : Cells.NONE;
    }
}
