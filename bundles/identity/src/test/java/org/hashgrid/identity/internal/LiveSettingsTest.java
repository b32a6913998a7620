package org.hashgrid.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.hashgrid.core.ProblemException;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity services take a changed configuration in place ({@code @Modified}): valid values
 * apply from then on, and a configuration with an invalid value leaves the previous ones.
 */
class LiveSettingsTest {
    private static final String PASSWORD = "violet-anchor-92-quarry";
    private static MigratedDatabase db;
    private static PasswordService passwords;
    private static TokenService tokens;
    private static LoginService logins;

    @BeforeAll
    static void start() throws Exception {
        db = new MigratedDatabase("identity_live");
        IdentityConfig config = Configs.of(IdentityConfig.class, Map.of());
        passwords = new PasswordService(config);
        tokens = new TokenService(config, db.transactions());
        logins = new LoginService(config, db.transactions(), tokens, passwords);
        new UserService(db.transactions(), passwords, tokens).createFirstOwner("owner@example.com", "Owner", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void sessionLifetimeChangesAndAnInvalidOneKeepsTheOld() {
        tokens.modified(config(Map.of("session_ttl_minutes", 5)));
        assertMinutesAhead(5, logins.login("owner@example.com", PASSWORD, "10.1.0.1").expiresAt());

        TokenService.Settings before = tokens.settings();
        for (int invalid : new int[] { 0, -3 }) {
            tokens.modified(config(Map.of("session_ttl_minutes", invalid, "token_cache_seconds", 1)));
            assertSame(before, tokens.settings(), "session.ttl.minutes=" + invalid + " refused, with the cache change");
            assertMinutesAhead(5, logins.login("owner@example.com", PASSWORD, "10.1.0.1").expiresAt());
        }
        tokens.modified(config(Map.of("token_cache_seconds", -1)));
        assertSame(before, tokens.settings());
        tokens.modified(config(Map.of()));
        assertMinutesAhead(720, logins.login("owner@example.com", PASSWORD, "10.1.0.1").expiresAt());
    }

    @Test
    void aShorterTokenCacheAppliesToWhatIsCachedAlready() throws Exception {
        tokens.modified(config(Map.of("token_cache_seconds", 300)));
        String token = logins.login("owner@example.com", PASSWORD, "10.1.0.2").token();
        tokens.authenticate(token);
        // revoked behind the service's back: only the cache still believes in the token
        execute("update auth_tokens set revoked_at = now() where token_hash = '" + TokenService.hash(token) + "'");
        tokens.authenticate(token);
        Thread.sleep(5);
        tokens.modified(config(Map.of("token_cache_seconds", 0)));
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(token)).status());
        tokens.modified(config(Map.of()));
    }

    @Test
    void trustedProxiesAndThrottlingChangeTogetherOrNotAtAll() {
        logins.modified(config(Map.of("trusted_proxies", new String[] { "10.0.0.0/8" }, "max_failures", 7)));
        assertEquals("203.0.113.5", logins.clientAddress("10.1.1.1", "203.0.113.5"));
        LoginService.Settings before = logins.settings();
        assertEquals(7, before.maxFailures());

        logins.modified(config(Map.of("trusted_proxies", new String[] { "10.0.0.0/8", "10.0.0.300/8" },
                "max_failures", 3)));
        assertSame(before, logins.settings(), "an unparsable CIDR refuses the whole change");
        logins.modified(config(Map.of("trusted_proxies", new String[0], "max_failures", 3, "base_delay_seconds", 0)));
        assertSame(before, logins.settings(), "base.delay.seconds=0 refuses the whole change");
        assertEquals("203.0.113.5", logins.clientAddress("10.1.1.1", "203.0.113.5"));

        logins.modified(config(Map.of("trusted_proxies", new String[0], "max_failures", 3)));
        assertEquals("10.1.1.1", logins.clientAddress("10.1.1.1", "203.0.113.5"));
        assertEquals(3, logins.settings().maxFailures());
        logins.modified(config(Map.of()));
    }

    @Test
    void bcryptCostAppliesToNewHashesAndStaysWithinItsBounds() {
        PasswordService service = new PasswordService(config(Map.of("bcrypt_cost", 4)));
        assertEquals(12, service.cost(), "invalid at activation: the default");
        service.modified(config(Map.of("bcrypt_cost", 13)));
        assertEquals(13, service.cost());
        assertTrue(service.hash(PASSWORD).startsWith("$2y$13$"));
        service.modified(config(Map.of("bcrypt_cost", 21)));
        assertEquals(13, service.cost());
        service.modified(config(Map.of("bcrypt_cost", 11)));
        assertEquals(13, service.cost());
    }

    @Test
    void aChangedRetentionReschedulesOnTheSameThread() {
        LoginRecordRetention retention = new LoginRecordRetention(config(Map.of()), db.transactions());
        try {
            assertEquals(Duration.ofDays(365), retention.retention());
            retention.modified(config(Map.of("login_record_retention_days", 30)));
            assertEquals(Duration.ofDays(30), retention.retention());
            retention.modified(config(Map.of("login_record_retention_days", 0)));
            assertEquals(Duration.ofDays(30), retention.retention());
            assertTrue(retention.purge() >= 0);
        } finally {
            retention.close();
        }
    }

    private static IdentityConfig config(Map<String, Object> values) {
        return Configs.of(IdentityConfig.class, values);
    }

    private static void assertMinutesAhead(long minutes, Instant expiresAt) {
        Duration ahead = Duration.between(Instant.now(), expiresAt);
        assertTrue(Math.abs(ahead.minusMinutes(minutes).toSeconds()) < 30, "expires in " + ahead);
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
