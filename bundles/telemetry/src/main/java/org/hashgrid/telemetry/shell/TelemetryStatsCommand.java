package org.hashgrid.telemetry.shell;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hashgrid.telemetry.internal.TelemetryMetrics;
import org.hashgrid.telemetry.internal.TelemetryPipeline;
import org.hashgrid.telemetry.internal.TelemetrySettings;

/** {@code hashgrid:telemetry-stats}: the pipeline's counters, as {@code GET /telemetry/metrics} shows them. */
@Command(scope = "hashgrid", name = "telemetry-stats", description = "Polled, failed, buffered, written and dropped "
        + "readings, and the last cycle")
@Service
public class TelemetryStatsCommand implements Action {
    @Reference
    TelemetryPipeline pipeline;

    @Override
    public Object execute() {
        print(pipeline.metrics(), pipeline.settings(), System.out);
        return null;
    }

    static void print(TelemetryMetrics.Snapshot m, TelemetrySettings settings, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Figure");
        table.column("Value");
        table.addRow().addContent("polling", settings.enabled() ? "every " + settings.interval().toSeconds() + " s"
                : "disabled");
        table.addRow().addContent("reads answered", m.polled());
        table.addRow().addContent("reads failed", m.failed());
        table.addRow().addContent("skipped (no driver)", m.skipped());
        table.addRow().addContent("buffered", m.buffered());
        table.addRow().addContent("written", m.written());
        table.addRow().addContent("dropped", m.dropped());
        table.addRow().addContent("write failures", m.writeFailures());
        table.addRow().addContent("cycles (overrun)", m.cycles() + " (" + m.cyclesOverrun() + ")");
        table.addRow().addContent("last cycle", m.lastCycleMillis() < 0 ? "none yet"
                : m.lastCycleMillis() + " ms, " + m.lastCycleTargets() + " miners, at " + m.lastCycleAt());
        table.addRow().addContent("status changes", m.statusChanges());
        table.addRow().addContent("writes", m.writeError() == null ? "ok" : "failing: " + m.writeError());
        table.print(out);
    }
}
