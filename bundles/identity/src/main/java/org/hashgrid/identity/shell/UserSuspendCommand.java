package org.hashgrid.identity.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hashgrid.api.MergePatch;
import org.hashgrid.core.Caller;
import org.hashgrid.identity.Account;
import org.hashgrid.model.UserStatus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

@Command(scope = "hashgrid", name = "user-suspend",
        description = "Suspends an account; its tokens stop working at once")
@Service
public class UserSuspendCommand extends ConsoleCommand {

    @Argument(index = 0, name = "user", required = true, description = "The user's id or e-mail")
    String user;

    @Override
    protected void run(Caller caller) {
        String id = users.find(caller, user).id();
        MergePatch suspend = new MergePatch(JsonNodeFactory.instance.objectNode()
                .put("status", UserStatus.SUSPENDED.dbValue()));
        Account suspended = users.update(caller, id, suspend);
        System.out.println("Suspended " + suspended.email() + " (" + suspended.id() + ")");
    }
}
