package org.hashgrid.identity.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hashgrid.core.Caller;
import org.hashgrid.identity.internal.CreatedAccount;

@Command(scope = "hashgrid", name = "user-reset-password", description = "Replaces a password with a one-time "
        + "password, printed once, to be changed at the next login; ends the user's tokens")
@Service
public class UserResetPasswordCommand extends ConsoleCommand {

    @Argument(index = 0, name = "user", required = true, description = "The user's id or e-mail")
    String user;

    @Override
    protected void run(Caller caller) {
        CreatedAccount reset = users.resetPassword(caller, users.find(caller, user).id());
        System.out.println("One-time password of " + reset.user().email()
                + " (shown only now; to be changed at the next login): " + reset.oneTimePassword());
    }
}
