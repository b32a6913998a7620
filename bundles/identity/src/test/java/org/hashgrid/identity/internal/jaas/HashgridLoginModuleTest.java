package org.hashgrid.identity.internal.jaas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.hashgrid.api.MergePatch;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.internal.IdentityFixture;
import org.hashgrid.identity.internal.NewAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The console login module through the JDK's JAAS machinery, on a real PostgreSQL. */
class HashgridLoginModuleTest {
    private static final String PASSWORD = IdentityFixture.PASSWORD;
    private static IdentityFixture identity;
    private static Configuration jaas;

    @BeforeAll
    static void start() throws Exception {
        identity = new IdentityFixture("console_login");
        AppConfigurationEntry entry = new AppConfigurationEntry(HashgridLoginModule.class.getName(),
                LoginModuleControlFlag.SUFFICIENT, Map.of(HashgridLoginModule.LOGINS, identity.logins()));
        jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] { entry };
            }
        };
    }

    @AfterAll
    static void stop() throws Exception {
        identity.close();
    }

    @Test
    void anOwnerGetsKarafsAdministratorRolesAndIsRecordedWithTheSshAddress() throws Exception {
        Subject subject = sshSubject("/10.1.2.3:50022");
        LoginContext login = login(subject, "Owner@Example.com", PASSWORD);
        assertEquals(Set.of("admin", "manager", "viewer", "systembundles", "ssh"), roles(subject));
        assertEquals(Set.of("owner@example.com"), names(subject, UserPrincipal.class));
        assertEquals(identity.owner().userId(),
                subject.getPrincipals(ConsolePrincipal.class).iterator().next().userId());
        assertEquals("1", identity.single("select count(*) from login_records where ip_address = '10.1.2.3' "
                + "and success and email = 'owner@example.com'"));
        login.logout();
        assertEquals(Set.of(), roles(subject));
        assertEquals(1, subject.getPrincipals().size(), "only Karaf's client principal stays");
    }

    @Test
    void anAdminLogsInButNotAClientNorAWrongPassword() throws Exception {
        identity.user("console-admin@example.com", "admin");
        identity.user("console-client@example.com", "client");
        login(sshSubject("/10.1.2.4:1"), "console-admin@example.com", PASSWORD);
        Subject client = sshSubject("/10.1.2.4:2");
        LoginException refused = assertThrows(LoginException.class,
                () -> login(client, "console-client@example.com", PASSWORD));
        assertTrue(refused.getMessage().contains("owners and admins"), refused.getMessage());
        assertEquals(Set.of(), roles(client));
        assertThrows(LoginException.class, () -> login(sshSubject("/10.1.2.4:3"), "console-admin@example.com",
                "not-the-password-9"));
        assertEquals("2", identity.single("select count(*) from login_records where ip_address = '10.1.2.4' "
                + "and not success"));
    }

    @Test
    void aOneTimePasswordOrASuspensionKeepsTheConsoleClosed() throws Exception {
        String oneTime = identity.users().create(identity.owner(),
                new NewAccount("otp-admin@example.com", null, "admin", null, null)).oneTimePassword();
        assertTrue(assertThrows(LoginException.class, () -> login(new Subject(), "otp-admin@example.com", oneTime))
                .getMessage().contains("one-time password"));
        Account suspended = identity.user("suspended-admin@example.com", "admin");
        identity.users().update(identity.owner(), suspended.id(), new MergePatch(
                JsonNodeFactory.instance.objectNode().put("status", "SUSPENDED")));
        assertThrows(LoginException.class, () -> login(new Subject(), "suspended-admin@example.com", PASSWORD));
        assertEquals("2", identity.single("select count(*) from login_records where ip_address = 'console' "
                + "and email in ('otp-admin@example.com', 'suspended-admin@example.com') and not success"));
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledLikeRestLogins() throws Exception {
        identity.user("throttled-admin@example.com", "admin");
        for (int i = 0; i < 5; i++) {
            assertThrows(LoginException.class, () -> login(sshSubject("/10.1.2.5:7"), "throttled-admin@example.com",
                    "guessing-attempt-x"));
        }
        assertTrue(assertThrows(LoginException.class, () -> login(sshSubject("/10.1.2.5:8"),
                "throttled-admin@example.com", PASSWORD)).getMessage().contains("Too many failed logins"));
        login(sshSubject("/10.1.2.6:8"), "throttled-admin@example.com", PASSWORD);
    }

    @Test
    void aPublicKeyLoginIsLeftToTheNextModuleWithoutARecord() throws Exception {
        String before = identity.single("select count(*) from login_records");
        CallbackHandler publicKeyOnly = callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName("owner@example.com");
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
        LoginException ignored = assertThrows(LoginException.class,
                () -> new LoginContext("karaf", new Subject(), publicKeyOnly, jaas).login());
        assertTrue(ignored.getMessage().toLowerCase().contains("ignored"), ignored.getMessage());
        assertEquals(before, identity.single("select count(*) from login_records"));
    }

    private static LoginContext login(Subject subject, String email, String password) throws LoginException {
        CallbackHandler handler = callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(email);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
        LoginContext context = new LoginContext("karaf", subject, handler, jaas);
        context.login();
        return context;
    }

    private static Subject sshSubject(String address) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", address));
        return subject;
    }

    private static Set<String> roles(Subject subject) {
        return names(subject, RolePrincipal.class);
    }

    private static Set<String> names(Subject subject, Class<? extends Principal> type) {
        return subject.getPrincipals(type).stream().map(Principal::getName).collect(Collectors.toSet());
    }
}
