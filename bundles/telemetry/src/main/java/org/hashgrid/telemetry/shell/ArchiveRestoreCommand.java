package org.hashgrid.telemetry.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.model.persistence.Archive;
import org.hashgrid.model.persistence.TableArchives;

/**
 * {@code hashgrid:archive-restore}: verifies a retention archive (any table's: raw telemetry,
 * rollups, the operation log), then copies its rows into a table in one transaction.
 */
@Command(scope = "hashgrid", name = "archive-restore", description = "Verifies a retention archive and copies its "
        + "rows back into a table (by default the table they came from)")
@Service
public class ArchiveRestoreCommand implements Action {
    @Reference(filter = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))")
    DataSource dataSource;

    @Argument(index = 0, name = "archive", required = true,
            description = "The archive's .manifest or .pgcopy.gz file, e.g. "
                    + "data/archives/miner_telemetry/miner_telemetry_y2025m01.20250501T031500123Z.manifest")
    String archive;

    @Option(name = "--into", description = "The target table (lower-case name); default: the archived table. Rows "
            + "of a dropped partition need a table of another name (with --create) or their partition attached")
    String into;

    @Option(name = "--create", description = "Create the target table first, with the archived table's columns")
    boolean create;

    @Override
    public Object execute() throws CommandException {
        try (Connection connection = dataSource.getConnection()) {
            Archive restored = TableArchives.open(Path.of(archive).toAbsolutePath());
            String target = into == null ? restored.table() : into;
            long rows = TableArchives.restore(connection, restored, target, create);
            System.out.println("Restored " + rows + " rows of " + restored.source() + " (" + restored.from() + " to "
                    + restored.to() + ") into " + target);
            return null;
        } catch (IOException | SQLException | IllegalArgumentException e) {
            throw new CommandException("Nothing restored: " + e.getMessage());
        }
    }
}
