package org.hashgrid.identity.console;

import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.AccountDirectory;
import org.hashgrid.identity.internal.jaas.ConsolePrincipal;
import org.hashgrid.model.UserStatus;

/**
 * A {@code hashgrid:} command of any module. It acts as the Hashgrid account that logged in to
 * the console, read again now: its role or status may have changed since it logged in, and it
 * must still be an active owner or admin. A console opened otherwise (the local console, a
 * {@code users.properties} break-glass account) acts as the console itself,
 * {@code Caller.system("console:<Karaf user>")}, with owner rights: Karaf lets only
 * administrators in, and the operation log still names who it was. A refusal
 * ({@link ProblemException}) prints as one line, never a stack trace.
 */
public abstract class HashgridCommand implements Action {
    /** Set by Karaf (public so that commands of other bundles can be tested with a directory). */
    @Reference
    public AccountDirectory accounts;

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

    /** Runs the command for {@code caller}; a {@link ProblemException} becomes the one-line error. */
    protected abstract void run(Caller caller) throws Exception;

    private Caller caller() {
        @SuppressWarnings("removal") // how Karaf itself reads the session's subject on Java 17
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return Caller.system("console");
        }
        Optional<ConsolePrincipal> login = subject.getPrincipals(ConsolePrincipal.class).stream().findFirst();
        if (login.isEmpty()) {
            return Caller.system(subject.getPrincipals(UserPrincipal.class).stream().findFirst()
                    .map(Principal::getName).map(user -> "console:" + user).orElse("console"));
        }
        Account account = accounts.account(login.get().userId()).orElseThrow(() -> ProblemException
                .forbidden("The account " + login.get().email() + " no longer exists"));
        Caller caller = new Caller(account.id(), account.email(), account.role(), account.passwordChangeRequired());
        if (!UserStatus.ACTIVE.dbValue().equals(account.status()) || !caller.isAdmin()) {
            throw ProblemException.forbidden("The account " + account.email() + " may no longer use the console");
        }
        return caller;
    }
}
