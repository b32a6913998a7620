package org.hashgrid.identity.internal.jaas;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.identity.internal.LoginService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a Hashgrid owner or admin in to the Karaf console with e-mail and password, through
 * {@link LoginService#consoleLogin}: the REST login's checks, login records and throttling.
 * Karaf creates one instance per login attempt (through its {@code ProxyLoginModule}); the
 * realm hands the login service over in the options.
 */
public class HashgridLoginModule implements LoginModule {
    private static final Logger LOG = LoggerFactory.getLogger(HashgridLoginModule.class);
    /** Option carrying the {@link LoginService}. */
    static final String LOGINS = LoginService.class.getName();
    /**
     * Karaf's roles for a console administrator: the Web Console asks for admin, SSH for ssh
     * ({@code sshRole}), the command ACLs for admin, manager or viewer, and bundle commands on
     * system bundles for systembundles.
     */
    static final List<String> CONSOLE_ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    private Subject subject;
    private CallbackHandler callbacks;
    private LoginService logins;
    private Caller caller;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.logins = (LoginService) options.get(LOGINS);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("E-mail: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] { name, password });
        } catch (UnsupportedCallbackException e) {
            return false; // an SSH public key, for instance: not a Hashgrid login, leave it to the next module
        } catch (IOException e) {
            throw (LoginException) new LoginException("Cannot read the credentials").initCause(e);
        }
        char[] secret = password.getPassword();
        password.clearPassword();
        if (name.getName() == null || secret == null) {
            return false;
        }
        try {
            caller = logins.consoleLogin(name.getName(), new String(secret), ConsoleClient.address(subject));
            return true;
        } catch (ProblemException e) {
            throw new FailedLoginException(e.getMessage());
        } catch (RuntimeException e) {
            // the database or the identity services are away: refuse, never let in
            LOG.warn("Console login of {} failed: {}", name.getName(), e.toString());
            throw new FailedLoginException("Hashgrid accounts are unavailable");
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public boolean commit() {
        if (caller == null) {
            return false;
        }
        added.add(new UserPrincipal(caller.email()));
        added.add(new ConsolePrincipal(caller.userId(), caller.email()));
        CONSOLE_ROLES.forEach(role -> added.add(new RolePrincipal(role)));
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        boolean mine = caller != null;
        logout();
        return mine;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        caller = null;
        return true;
    }
}
