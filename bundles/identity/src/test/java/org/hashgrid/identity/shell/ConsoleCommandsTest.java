package org.hashgrid.identity.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.core.ProblemException;
import org.hashgrid.identity.Account;
import org.hashgrid.identity.internal.IdentityFixture;
import org.hashgrid.identity.internal.jaas.ConsolePrincipal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hashgrid: commands on the real identity services and a real PostgreSQL. */
class ConsoleCommandsTest {
    private static final Pattern ONE_TIME = Pattern.compile(": ([A-Za-z0-9]{20})\\R?$");
    private static IdentityFixture identity;

    @BeforeAll
    static void start() throws Exception {
        identity = new IdentityFixture("console_commands");
    }

    @AfterAll
    static void stop() throws Exception {
        identity.close();
    }

    @Test
    void userAddWithoutPasswordPrintsAOneTimePasswordThatMustBeChanged() throws Exception {
        UserAddCommand add = command(new UserAddCommand());
        add.email = "Added@Example.com";
        add.role = "client";
        add.name = "Added";
        String printed = run(add);
        assertTrue(printed.startsWith("Created client added@example.com with id "), printed);
        assertTrue(identity.logins().login("added@example.com", oneTimePassword(printed), "10.3.0.1")
                .passwordChangeRequired());
    }

    @Test
    void refusalsAreOneLineCommandErrors() throws Exception {
        UserAddCommand add = command(new UserAddCommand());
        add.email = "not-an-email";
        add.role = "emperor";
        CommandException refused = assertThrows(CommandException.class, () -> run(add));
        assertEquals("email is not an e-mail address; role must be owner, admin, user, client or guest",
                refused.getMessage());
        UserSuspendCommand suspendOwner = command(new UserSuspendCommand());
        suspendOwner.user = "owner@example.com";
        assertEquals("This is the last active owner; make another owner first",
                assertThrows(CommandException.class, () -> run(suspendOwner)).getMessage());
        UserSuspendCommand nobody = command(new UserSuspendCommand());
        nobody.user = "nobody@example.com";
        assertEquals("User nobody@example.com does not exist",
                assertThrows(CommandException.class, () -> run(nobody)).getMessage());
    }

    @Test
    void suspendByEmailEndsTheUsersLogins() throws Exception {
        identity.user("suspend-me@example.com", "user");
        UserSuspendCommand suspend = command(new UserSuspendCommand());
        suspend.user = "Suspend-Me@example.com";
        assertTrue(run(suspend).startsWith("Suspended suspend-me@example.com ("));
        assertEquals(403, assertThrows(ProblemException.class, () -> identity.logins()
                .login("suspend-me@example.com", IdentityFixture.PASSWORD, "10.3.0.2")).status());
    }

    @Test
    void resetPasswordByIdPrintsTheNewOneTimePassword() throws Exception {
        Account user = identity.user("reset-me@example.com", "user");
        UserResetPasswordCommand reset = command(new UserResetPasswordCommand());
        reset.user = user.id();
        String oneTime = oneTimePassword(run(reset));
        assertEquals(401, assertThrows(ProblemException.class, () -> identity.logins()
                .login("reset-me@example.com", IdentityFixture.PASSWORD, "10.3.0.3")).status());
        assertTrue(identity.logins().login("reset-me@example.com", oneTime, "10.3.0.3").passwordChangeRequired());
    }

    @Test
    void accessGrantTakesIsoInstantsOffsetsAndDates() throws Exception {
        Account user = identity.user("windowed@example.com", "client");
        AccessGrantCommand grant = command(new AccessGrantCommand());
        grant.user = "windowed@example.com";
        grant.start = "2031-07-01T10:00+02:00";
        grant.end = "2031-07-02";
        assertTrue(run(grant).contains("from 2031-07-01T08:00:00Z until 2031-07-02T00:00:00Z"));
        assertEquals(Instant.parse("2031-07-01T08:00:00Z"),
                identity.users().access(identity.owner(), user.id()).get(0).accessStartDate());
        grant.start = "next tuesday";
        assertTrue(assertThrows(CommandException.class, () -> run(grant)).getMessage()
                .startsWith("start 'next tuesday' is not an ISO-8601"));
        grant.start = "2031-07-03T00:00:00Z";
        assertEquals("access_end_date must be after access_start_date",
                assertThrows(CommandException.class, () -> run(grant)).getMessage());
    }

    @Test
    void userListShowsEveryAccount() throws Exception {
        identity.user("listed@example.com", "guest");
        String table = run(command(new UserListCommand()));
        assertTrue(table.contains("owner@example.com") && table.contains("listed@example.com"), table);
        UserListCommand guests = command(new UserListCommand());
        guests.role = "guest";
        String filtered = run(guests);
        assertTrue(filtered.contains("listed@example.com"), filtered);
        assertFalse(filtered.contains("owner@example.com"), filtered);
    }

    @Test
    void aConsoleLoggedInWithAnAccountActsWithThatAccountsRightsAsTheyAreNow() throws Exception {
        Account admin = identity.user("console-admin@example.com", "admin");
        Subject subject = new Subject();
        subject.getPrincipals().add(new ConsolePrincipal(admin.id(), admin.email()));
        UserAddCommand addOwner = command(new UserAddCommand());
        addOwner.email = "second-owner@example.com";
        addOwner.role = "owner";
        assertEquals("Only an owner can create an owner",
                assertThrows(CommandException.class, () -> runAs(subject, addOwner)).getMessage());
        addOwner.role = "user";
        assertTrue(runAs(subject, addOwner).startsWith("Created user second-owner@example.com"));
        UserSuspendCommand suspend = command(new UserSuspendCommand());
        suspend.user = admin.id();
        run(suspend);
        assertEquals("The account console-admin@example.com may no longer use the console",
                assertThrows(CommandException.class, () -> runAs(subject, command(new UserListCommand())))
                        .getMessage());
    }

    private static <T extends ConsoleCommand> T command(T command) {
        command.users = identity.users();
        command.accounts = identity.accounts();
        return command;
    }

    /** Runs a command as the console would and returns what it printed. */
    private static String run(Action command) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String runAs(Subject subject, Action command) throws Exception {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<String>) () -> run(command));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    private static String oneTimePassword(String printed) {
        Matcher matcher = ONE_TIME.matcher(printed.strip());
        assertTrue(matcher.find(), printed);
        assertNotNull(matcher.group(1));
        return matcher.group(1);
    }
}
