package org.hashgrid.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.hashgrid.api.ProblemException;
import org.hashgrid.identity.rest.UserDto;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first owner of an empty platform. From {@code HASHGRID_OWNER_EMAIL} and
 * {@code HASHGRID_OWNER_PASSWORD} when the environment sets them; otherwise a one-time setup
 * secret is printed to the log, to be used once with {@code POST /api/v1/auth/setup}. There is
 * no default password anywhere.
 */
@Component(service = OwnerBootstrap.class, immediate = true)
public class OwnerBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerBootstrap.class);
    static final String EMAIL_VARIABLE = "HASHGRID_OWNER_EMAIL";
    static final String PASSWORD_VARIABLE = "HASHGRID_OWNER_PASSWORD";

    private final UserService users;
    private volatile String setupSecret;

    @Activate
    public OwnerBootstrap(@Reference UserService users, @Reference PasswordService passwords) {
        this.users = users;
        if (users.hasUsers()) {
            return;
        }
        String email = setting(EMAIL_VARIABLE);
        String password = setting(PASSWORD_VARIABLE);
        if (email != null && password != null) {
            try {
                UserDto owner = users.createFirstOwner(email, "Owner", password);
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

    public UserDto setUp(String secret, String email, String name, String password) {
        String expected = setupSecret;
        if (expected == null) {
            throw ProblemException.conflict("The platform already has an owner");
        }
        if (secret == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw ProblemException.forbidden("Wrong setup secret");
        }
        UserDto owner = users.createFirstOwner(email, name, password);
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
