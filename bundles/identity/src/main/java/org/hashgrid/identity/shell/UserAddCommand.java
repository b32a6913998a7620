package org.hashgrid.identity.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hashgrid.core.Caller;
import org.hashgrid.identity.internal.CreatedAccount;
import org.hashgrid.identity.internal.NewAccount;

@Command(scope = "hashgrid", name = "user-add", description = "Creates a Hashgrid account; without --password "
        + "a one-time password is generated, printed once, and must be changed at the first login")
@Service
public class UserAddCommand extends ConsoleCommand {

    @Argument(index = 0, name = "email", required = true, description = "E-mail, unique among live accounts")
    String email;

    @Argument(index = 1, name = "role", required = true, description = "owner, admin, user, client or guest")
    String role;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--password", censor = true, description = "Initial password (it stays in the shell history; "
            + "prefer the generated one-time password)")
    String password;

    @Override
    protected void run(Caller caller) {
        CreatedAccount created = users.create(caller, new NewAccount(email, name, role, password, null));
        System.out.println("Created " + created.user().role() + " " + created.user().email() + " with id "
                + created.user().id());
        if (created.oneTimePassword() != null) {
            System.out.println("One-time password (shown only now; to be changed at the first login): "
                    + created.oneTimePassword());
        }
    }
}
