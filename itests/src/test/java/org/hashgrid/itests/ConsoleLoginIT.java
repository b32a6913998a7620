package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.hashgrid.api.JsonMapping;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionConfigurationConsoleOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Karaf console login with Hashgrid accounts: the JAAS realm {@code karaf} that SSH and the Web
 * Console use, a real SSH session, a Web Console page, the break-glass file, and the hashgrid:
 * shell commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleLoginIT extends HashgridTestSupport {
    private static final String PASSWORD = "amber-signal-47-harbour";
    private static final String BREAK_GLASS = "breakglass";
    private static final String BREAK_GLASS_PASSWORD = "glass-hammer-passphrase-5";
    private static final Set<String> CONSOLE_ROLES = Set.of("admin", "manager", "viewer", "systembundles", "ssh");

    @Inject
    protected ConfigurationAdmin configurations;

    /**
     * With the SSH server, which the other tests leave off (Pax Exam takes the first console
     * option), and a break-glass account stored digested as etc/org.apache.karaf.jaas.cfg asks
     * (SHA-256, hex).
     */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(BREAK_GLASS_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        return OptionUtils.combine(OptionUtils.remove(KarafDistributionConfigurationConsoleOption.class,
                super.config()),
                configureConsole().ignoreLocalConsole().startRemoteShell(),
                editConfigurationFilePut("etc/users.properties", BREAK_GLASS,
                        "{CRYPT}" + digest + "{CRYPT},admin,ssh"));
    }

    /** The owner exists (REST login works) and the Hashgrid realm and commands are registered. */
    @Before
    public void awaitConsole() throws Exception {
        await("/health", 200, 120);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ownerToken() == null || !realmRegistered()
                || sessionFactory.getRegistry().getCommand("hashgrid", "user-list") == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the Hashgrid console realm and commands did not come up");
            }
            Thread.sleep(200);
        }
    }

    @Test
    public void anOwnerLogsInThroughRealmKarafWithTheAdministratorRoles() throws Exception {
        Subject subject = jaasLogin(OWNER_EMAIL, OWNER_PASSWORD);
        assertEquals(CONSOLE_ROLES, names(subject, RolePrincipal.class));
        assertEquals(Set.of(OWNER_EMAIL), names(subject, UserPrincipal.class));
        JsonNode record = lastRecord(OWNER_EMAIL);
        assertTrue(record.toString(), record.get("success").asBoolean());
        assertEquals("console", record.get("ip_address").asText());
    }

    @Test
    public void aClientAndAWrongPasswordAreRefusedAndRecorded() throws Exception {
        createUser("console-client@itest.hashgrid.org", "client");
        assertThrows(LoginException.class, () -> jaasLogin("console-client@itest.hashgrid.org", PASSWORD));
        assertFalse(lastRecord("console-client@itest.hashgrid.org").get("success").asBoolean());
        assertThrows(LoginException.class, () -> jaasLogin(OWNER_EMAIL, "not-the-owner-password"));
        assertFalse(lastRecord(OWNER_EMAIL).get("success").asBoolean());
        jaasLogin(OWNER_EMAIL, OWNER_PASSWORD); // a success clears the owner's failures again
    }

    @Test
    public void theBreakGlassFileStillWorksAndAnswersAloneWhileIdentityIsStopped() throws Exception {
        assertTrue(names(jaasLogin(BREAK_GLASS, BREAK_GLASS_PASSWORD), RolePrincipal.class).contains("ssh"));
        Bundle identity = bundle("org.hashgrid.identity");
        identity.stop();
        try {
            assertFalse(realmRegistered());
            assertThrows(LoginException.class, () -> jaasLogin(OWNER_EMAIL, OWNER_PASSWORD));
            assertTrue(names(jaasLogin(BREAK_GLASS, BREAK_GLASS_PASSWORD), RolePrincipal.class).contains("admin"));
        } finally {
            identity.start();
        }
        awaitConsole();
        assertEquals(CONSOLE_ROLES, names(jaasLogin(OWNER_EMAIL, OWNER_PASSWORD), RolePrincipal.class));
    }

    @Test
    public void anOwnerRunsHashgridCommandsOverSshAndAClientCannotLogIn() throws Exception {
        createUser("ssh-client@itest.hashgrid.org", "client");
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // passwords only
        client.start();
        try {
            String listed = ssh(client, OWNER_EMAIL, OWNER_PASSWORD, "hashgrid:user-list");
            assertTrue(listed, listed.contains(OWNER_EMAIL) && listed.contains("ssh-client@itest.hashgrid.org"));
            JsonNode record = lastRecord(OWNER_EMAIL);
            assertTrue(record.get("success").asBoolean());
            assertEquals("127.0.0.1", record.get("ip_address").asText());
            assertThrows(IOException.class, () -> ssh(client, "ssh-client@itest.hashgrid.org", PASSWORD,
                    "hashgrid:user-list"));
            assertFalse(lastRecord("ssh-client@itest.hashgrid.org").get("success").asBoolean());
        } finally {
            client.stop();
        }
    }

    @Test
    public void anOwnerOpensTheWebConsoleAndAClientCannot() throws Exception {
        createUser("web-client@itest.hashgrid.org", "client");
        assertEquals(200, webConsole(OWNER_EMAIL, OWNER_PASSWORD));
        assertEquals("127.0.0.1", lastRecord(OWNER_EMAIL).get("ip_address").asText());
        assertEquals(401, webConsole("web-client@itest.hashgrid.org", PASSWORD));
        assertFalse(lastRecord("web-client@itest.hashgrid.org").get("success").asBoolean());
    }

    @Test
    public void shellCommandsManageAccountsUnderTheSameRules() throws Exception {
        String added = execute("hashgrid:user-add --name Made console-made@itest.hashgrid.org user");
        assertTrue(added, added.contains("Created user console-made@itest.hashgrid.org"));
        String oneTime = added.substring(added.lastIndexOf(": ") + 2).strip();
        assertEquals("true", jsonField(httpAs(null, "POST", "/auth/login", "application/json",
                credentials("console-made@itest.hashgrid.org", oneTime)).body(), "password_change_required"));

        String reset = execute("hashgrid:user-reset-password console-made@itest.hashgrid.org");
        String again = reset.substring(reset.lastIndexOf(": ") + 2).strip();
        assertEquals(401, httpAs(null, "POST", "/auth/login", "application/json",
                credentials("console-made@itest.hashgrid.org", oneTime)).status());
        assertEquals(200, httpAs(null, "POST", "/auth/login", "application/json",
                credentials("console-made@itest.hashgrid.org", again)).status());

        String granted = execute("hashgrid:access-grant console-made@itest.hashgrid.org 2031-01-01 2031-02-01");
        assertTrue(granted, granted.contains("from 2031-01-01T00:00:00Z until 2031-02-01T00:00:00Z"));
        Reply outside = httpAs(null, "POST", "/auth/login", "application/json",
                credentials("console-made@itest.hashgrid.org", again));
        assertEquals(outside.body(), 403, outside.status());

        assertTrue(execute("hashgrid:user-suspend console-made@itest.hashgrid.org").startsWith("Suspended"));
        assertTrue(execute("hashgrid:user-list --status SUSPENDED").contains("console-made@itest.hashgrid.org"));

        Exception lastOwner = assertThrows(Exception.class, () -> execute("hashgrid:user-suspend " + OWNER_EMAIL));
        assertEquals("This is the last active owner; make another owner first", rootMessage(lastOwner));
    }

    private Subject jaasLogin(String name, String password) throws LoginException {
        Subject subject = new Subject();
        new LoginContext("karaf", subject, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback user) {
                    user.setName(name);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }).login();
        return subject;
    }

    /** Runs {@code command} in an SSH exec channel and returns its output. */
    private String ssh(SshClient client, String user, String password, String command) throws Exception {
        Object port = configurations.getConfiguration("org.apache.karaf.shell", null).getProperties().get("sshPort");
        Duration timeout = Duration.ofSeconds(30);
        try (ClientSession session = client.connect(user, "127.0.0.1", Integer.parseInt(port.toString()))
                .verify(timeout).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(timeout);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (ChannelExec channel = session.createExecChannel(command + "\n")) {
                channel.setOut(output);
                channel.setErr(output);
                channel.open().verify(timeout);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            }
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** The status of the Web Console's bundle page with HTTP basic authentication. */
    private int webConsole(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty(HTTP_PORT_PROPERTY) + "/system/console/bundles"))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean realmRegistered() throws InvalidSyntaxException {
        return context.getServiceReferences("org.apache.karaf.jaas.config.JaasRealm",
                "(component.name=org.hashgrid.identity.internal.jaas.ConsoleRealm)") != null;
    }

    private void createUser(String email, String role) throws Exception {
        createUser(email, role, PASSWORD);
    }

    /** The newest login record of {@code email}. */
    private JsonNode lastRecord(String email) throws Exception {
        Reply records = get("/login-records?limit=1&email=" + email);
        assertEquals(records.body(), 200, records.status());
        JsonNode items = JsonMapping.newMapper().readTree(records.body()).get("items");
        assertEquals(records.body(), 1, items.size());
        return items.get(0);
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static String jsonField(String json, String name) throws IOException {
        JsonNode value = JsonMapping.newMapper().readTree(json).get(name);
        assertNotNull(json, value);
        return value.asText();
    }

    private static Set<String> names(Subject subject, Class<? extends Principal> type) {
        return subject.getPrincipals(type).stream().map(Principal::getName).collect(Collectors.toSet());
    }

    private static String rootMessage(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
