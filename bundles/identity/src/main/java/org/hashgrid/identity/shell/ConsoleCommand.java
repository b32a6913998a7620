package org.hashgrid.identity.shell;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.hashgrid.identity.console.HashgridCommand;
import org.hashgrid.identity.internal.UserService;

/**
 * A user-management command. It goes through {@link UserService}, so every rule of the REST API
 * holds (last owner, validation, token revocation).
 */
abstract class ConsoleCommand extends HashgridCommand {
    @Reference
    UserService users;
}
