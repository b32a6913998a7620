package org.hashgrid.identity.shell;

import java.security.AccessController;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.internal.UserService;
import org.hashgrid.identity.internal.jaas.ConsolePrincipal;
import org.hashgrid.model.UserStatus;

/**
 * A {@code hashgrid:} command. It goes through {@link UserService}, so every rule of the REST
 * API holds (last owner, validation, token revocation), and acts as the Hashgrid account that
 * logged in to the console; in a console opened otherwise (the local console, a
 * {@code users.properties} break-glass account) as the console itself, with owner rights:
 * Karaf lets only administrators in. A refusal prints as one line, never a stack trace.
 */
abstract class ConsoleCommand implements Action {
    /** The console itself: not an account, so it never appears as {@code granted_by}. */
    static final Caller CONSOLE = Caller.system("console");

    @Reference
    UserService users;

    @Override
    public Object execute() throws Exception {
        try {
            run(caller());
            return null;
        } catch (ProblemException e) {
            throw new CommandException(e.errors().isEmpty() ? e.getMessage()
                    : e.errors().stream().map(error -> error.field() + " " + error.message())
                            .collect(Collectors.joining("; ")));
        }
    }

    abstract void run(Caller caller) throws CommandException;

    /**
     * The account behind the console session, read again now: its role or status may have
     * changed since it logged in.
     */
    private Caller caller() {
        @SuppressWarnings("removal") // how Karaf itself reads the session's subject on Java 17
        Subject subject = Subject.getSubject(AccessController.getContext());
        Optional<ConsolePrincipal> account = subject == null ? Optional.empty()
                : subject.getPrincipals(ConsolePrincipal.class).stream().findFirst();
        if (account.isEmpty()) {
            return CONSOLE;
        }
        Account user = users.get(CONSOLE, account.get().userId());
        Caller caller = new Caller(user.id(), user.email(), user.role(), user.passwordChangeRequired());
        if (!UserStatus.ACTIVE.dbValue().equals(user.status()) || !caller.isAdmin()) {
            throw ProblemException.forbidden("The account " + user.email() + " may no longer manage users");
        }
        return caller;
    }
}
