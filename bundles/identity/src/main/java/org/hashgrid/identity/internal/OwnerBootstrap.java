package org.hashgrid.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Workers;
import org.hashgrid.identity.Account;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first owner of an empty platform. From {@code HASHGRID_OWNER_EMAIL} and
 * {@code HASHGRID_OWNER_PASSWORD} when the environment sets them; otherwise a one-time setup
 * secret is printed to the log, to be used once with {@code POST /api/v1/auth/setup}. There is
 * no default password anywhere. When the database fails the check at activation (a pool being
 * replaced, say), it is retried in the background instead of failing the component for good.
 */
@Component(service = OwnerBootstrap.class, immediate = true)
public class OwnerBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerBootstrap.class);
    static final String EMAIL_VARIABLE = "HASHGRID_OWNER_EMAIL";
    static final String PASSWORD_VARIABLE = "HASHGRID_OWNER_PASSWORD";
    private static final int RETRY_SECONDS = 2;

    private final UserService users;
    private final PasswordService passwords;
    private final ScheduledExecutorService worker;
    private volatile String setupSecret;
    private volatile boolean decided;

    @Activate
    public OwnerBootstrap(@Reference UserService users, @Reference PasswordService passwords) {
        this.users = users;
        this.passwords = passwords;
        this.worker = Workers.singleThread("hashgrid-owner-bootstrap");
        // Normally decided right here, so the owner exists before the login endpoint appears.
        decide();
    }

    @Deactivate
    void close() {
        worker.shutdownNow();
    }

    private void decide() {
        try {
            if (!users.hasUsers()) {
                createFromEnvironmentOrPrintSecret();
            }
            decided = true;
        } catch (RuntimeException e) {
            LOG.info("Cannot check for a first owner yet ({}); retrying in {} s", e.getClass().getSimpleName(),
                    RETRY_SECONDS);
            worker.schedule(this::decide, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void createFromEnvironmentOrPrintSecret() {
        String email = setting(EMAIL_VARIABLE);
        String password = setting(PASSWORD_VARIABLE);
        if (email != null && password != null) {
            try {
                Account owner = users.createFirstOwner(email, "Owner", password);
                LOG.info("Created the first owner {} from {}", owner.email(), EMAIL_VARIABLE);
                return;
            } catch (ProblemException e) {
                LOG.error("Cannot create the first owner from {}/{}: {}", EMAIL_VARIABLE, PASSWORD_VARIABLE,
                        e.getMessage());
            }
        }
        setupSecret = passwords.generate();
        // The one secret Hashgrid ever logs, by design: it is single-use and dies with the first owner.
        LOG.warn("No user exists yet. Create the first owner with: curl -X POST -H 'Content-Type: application/json' "
                + "-d '{\"setup_secret\":\"{}\",\"email\":\"you@example.com\",\"name\":\"You\",\"password\":\"...\"}' "
                + "http://localhost:8181/api/v1/auth/setup   (or set {} and {} before the first start)",
                setupSecret, EMAIL_VARIABLE, PASSWORD_VARIABLE);
    }

    public Account setUp(String secret, String email, String name, String password) {
        String expected = setupSecret;
        if (expected == null) {
            throw decided ? ProblemException.conflict("The platform already has an owner")
                    : new ProblemException(503, "Service Unavailable", "The platform is still starting; retry");
        }
        if (secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.forbidden("Wrong setup secret");
        }
        Account owner = users.createFirstOwner(email, name, password);
        setupSecret = null;
        LOG.info("First owner {} created through the setup secret", owner.email());
        return owner;
    }

    /** Environment first; a system property of the same name serves launchers that cannot set one. */
    private static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
