package org.hashgrid.hosting.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.core.PageRequest;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.Site;
import org.hashgrid.hosting.internal.HostingFixture;
import org.hashgrid.hosting.internal.TestDriver;
import org.hashgrid.identity.console.HashgridCommand;
import org.hashgrid.identity.internal.Accounts;
import org.hashgrid.identity.internal.jaas.ConsolePrincipal;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hashgrid:site-list and hashgrid:miner-action on the real hosting services and PostgreSQL. */
class HostingCommandsTest extends DatabaseTest {
    @TempDir
    static Path secrets;
    private static HostingFixture hosting;
    private static long model;

    @BeforeAll
    static void start() {
        hosting = new HostingFixture(tx, secrets);
        hosting.install(new TestDriver("fake", Duration.ZERO));
        model = hosting.models.create(new NewMinerModel("S19j Pro", "Bitmain", new BigDecimal("104"),
                new BigDecimal("3068"), null, null, null)).id();
    }

    @Test
    void siteListShowsEverySiteWithItsCapacityAndMinerCounts() throws Exception {
        Site texas = hosting.sites.create(new NewSite("Texas North", "Midland, TX", new BigDecimal("12.50")));
        Site quebec = hosting.sites.create(new NewSite("Quebec Hydro", null, new BigDecimal("30")));
        miner(texas, "SN-LIST-1", "10.0.0.1", "fake");
        miner(texas, "SN-LIST-2", "10.0.0.2", "fake");
        hosting.miners.create(callers.staff(), new NewMiner("SN-LIST-3", model, quebec.id(), "maintenance", null,
                null, null, null, null, null, null));
        SiteListCommand list = command(new SiteListCommand());
        list.sites = hosting.sites;
        String table = run(list, null);
        assertTrue(row(texas.id() + "", "Texas North", "Midland, TX", "12.5", "2", "2").matcher(table).find(), table);
        assertTrue(row(quebec.id() + "", "Quebec Hydro", "-", "30", "1", "0").matcher(table).find(), table);
    }

    @Test
    void anActionIsAttributedToTheConsolesAccount() throws Exception {
        Miner miner = miner(site("account"), "SN-ACT-1", "10.0.0.11", "fake");
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal(callers.admin().email()));
        admin.getPrincipals().add(new ConsolePrincipal(callers.admin().userId(), callers.admin().email()));
        String printed = run(action(miner.id(), "Restart"), admin);
        assertEquals("Miner " + miner.id() + ": restart acknowledged by fake: RESTART done", printed.strip());
        Operation logged = newest(miner);
        assertEquals("restart", logged.operation());
        assertEquals(callers.admin().userId(), logged.performedBy());
    }

    @Test
    void aBreakGlassConsoleIsNamedInTheLog() throws Exception {
        Miner miner = miner(site("break-glass"), "SN-ACT-2", "10.0.0.12", "fake");
        Subject breakGlass = new Subject();
        breakGlass.getPrincipals().add(new UserPrincipal("breakglass"));
        run(action(miner.id(), "stop"), breakGlass);
        Operation logged = newest(miner);
        assertEquals("shutdown", logged.operation());
        assertNull(logged.performedBy(), "not an account");
        assertTrue(logged.details().endsWith("(by system:console:breakglass)"), logged.details());
    }

    @Test
    void badInputIsAOneLineErrorAndChangesNothing() throws Exception {
        Miner miner = miner(site("bad-input"), "SN-BAD-1", "10.0.0.13", "fake");
        Miner orphan = miner(site("no-driver"), "SN-BAD-2", "10.0.0.14", "gone");
        int before = operations(miner) + operations(orphan);
        assertEquals("Miner 987654321 does not exist", refusal(action(987_654_321L, "stop")));
        assertEquals("action must be stop, start, restart or set_mode", refusal(action(miner.id(), "reboot")));
        assertEquals("Driver 'gone' of miner " + orphan.id() + " is not installed",
                refusal(action(orphan.id(), "start")));
        assertEquals(before, operations(miner) + operations(orphan));
    }

    @Test
    void aDriverFailureIsOneLineAndTheAttemptIsLogged() throws Exception {
        Miner miner = miner(site("refused"), "SN-REFUSED", "10.0.0.15", "fake");
        assertEquals("Miner " + miner.id() + " at 10.0.0.15:4028: ACCESS_DENIED — privileged API refused",
                refusal(action(miner.id(), "start")));
        assertEquals("start failed: ACCESS_DENIED privileged API refused (by system:console)",
                newest(miner).details());
    }

    /** A table row with these cells, whichever separator the table chose. */
    static Pattern row(String... cells) {
        return Pattern.compile(Arrays.stream(cells).map(Pattern::quote)
                .collect(Collectors.joining(" *[│|] *", "(?m)^ *", " *$")));
    }

    private static MinerActionCommand action(long id, String word) {
        MinerActionCommand action = command(new MinerActionCommand());
        action.actions = hosting.actions;
        action.id = id;
        action.action = word;
        return action;
    }

    private static <T extends HashgridCommand> T command(T command) {
        command.accounts = new Accounts(tx);
        return command;
    }

    private static Site site(String name) {
        return hosting.sites.create(new NewSite("Site " + name, null, BigDecimal.TEN));
    }

    private static Miner miner(Site site, String serial, String ip, String driver) {
        return hosting.miners.create(callers.staff(), new NewMiner(serial, model, site.id(), null, ip, 4028, true,
                driver, null, null, null));
    }

    private static Operation newest(Miner miner) {
        return hosting.log.of(callers.owner(), miner.id(), PageRequest.of(1, null)).items().get(0);
    }

    private static int operations(Miner miner) {
        return hosting.log.of(callers.owner(), miner.id(), PageRequest.of(PageRequest.MAX_LIMIT, null)).items()
                .size();
    }

    private static String refusal(Action command) {
        return assertThrows(CommandException.class, () -> run(command, null)).getMessage();
    }

    /** Runs a command as the console would, in the session of {@code subject} (none: no login). */
    private static String run(Action command, Subject subject) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            if (subject == null) {
                command.execute();
            } else {
                Subject.doAs(subject, (PrivilegedExceptionAction<Object>) command::execute);
            }
        } catch (PrivilegedActionException e) {
            throw e.getException();
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

}
