package org.hashgrid.identity.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.identity.Account;

@Command(scope = "hashgrid", name = "user-list", description = "Lists the Hashgrid accounts, oldest first")
@Service
public class UserListCommand extends ConsoleCommand {

    @Option(name = "--role", description = "Only this role: owner, admin, user, client or guest")
    String role;

    @Option(name = "--status", description = "Only this status: ACTIVE, SUSPENDED or DELETED")
    String status;

    @Override
    protected void run(Caller caller) {
        ShellTable table = new ShellTable().emptyTableText("No users");
        table.column("ID");
        table.column("E-mail");
        table.column("Role");
        table.column("Status");
        table.column("Created");
        String cursor = null;
        do {
            Page<Account> page = users.list(PageRequest.of(PageRequest.MAX_LIMIT, cursor), role, status);
            page.items().forEach(user -> table.addRow().addContent(user.id(), user.email(), user.role(),
                    user.status(), user.createdAt()));
            cursor = page.nextCursor();
        } while (cursor != null);
        table.print(System.out);
    }
}
