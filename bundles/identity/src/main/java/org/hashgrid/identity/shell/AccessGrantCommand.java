package org.hashgrid.identity.shell;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.core.Caller;
import org.hashgrid.identity.internal.AccessGrant;

@Command(scope = "hashgrid", name = "access-grant", description = "Grants an access window: outside all of "
        + "their windows a user can neither log in nor use a token (owners are never limited)")
@Service
public class AccessGrantCommand extends ConsoleCommand {

    @Argument(index = 0, name = "user", required = true, description = "The user's id or e-mail")
    String user;

    @Argument(index = 1, name = "start", required = true,
            description = "ISO-8601 start: 2025-07-01T08:00:00Z, 2025-07-01T10:00+02:00, or 2025-07-01 (midnight UTC)")
    String start;

    @Argument(index = 2, name = "end", description = "ISO-8601 end, exclusive; open-ended when absent")
    String end;

    @Override
    protected void run(Caller caller) throws CommandException {
        Instant from = instant("start", start);
        Instant until = end == null ? null : instant("end", end);
        AccessGrant access = users.grantAccess(caller, users.find(caller, user).id(), from, until);
        System.out.println("Access window " + access.id() + " for " + user + ": from " + access.accessStartDate()
                + (access.accessEndDate() == null ? ", open-ended" : " until " + access.accessEndDate()));
    }

    static Instant instant(String argument, String text) throws CommandException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new CommandException(argument + " '" + text + "' is not an ISO-8601 date or date-time, "
                        + "e.g. 2025-07-01T08:00:00Z");
            }
        }
    }
}
