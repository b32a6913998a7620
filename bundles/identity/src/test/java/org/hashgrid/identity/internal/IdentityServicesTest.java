package org.hashgrid.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.api.MergePatch;
import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.identity.Account;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Accounts, passwords, tokens, throttling and access windows on a real PostgreSQL. */
class IdentityServicesTest {
    private static final String GOOD_PASSWORD = "violet-anchor-92-quarry";
    private static MigratedDatabase db;
    private static PasswordService passwords;
    private static TokenService tokens;
    private static LoginService logins;
    private static UserService users;
    private static Caller owner;

    @BeforeAll
    static void start() throws Exception {
        db = new MigratedDatabase("identity");
        IdentityConfig config = Configs.of(IdentityConfig.class, Map.of("token_cache_seconds", 30));
        passwords = new PasswordService(12);
        tokens = new TokenService(config, db.transactions());
        logins = new LoginService(config, db.transactions(), tokens, passwords);
        users = new UserService(db.transactions(), passwords, tokens);
        Account first = users.createFirstOwner("owner@example.com", "Owner", GOOD_PASSWORD);
        owner = new Caller(first.id(), first.email(), "owner", false);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void passwordsAreBcryptCost12AndSalted() {
        String a = passwords.hash(GOOD_PASSWORD);
        String b = passwords.hash(GOOD_PASSWORD);
        assertTrue(a.matches("^\\$2y\\$12\\$.{53}$"), a);
        assertNotEquals(a, b);
        assertTrue(passwords.verify(GOOD_PASSWORD, a));
        assertFalse(passwords.verify(GOOD_PASSWORD + "x", a));
    }

    @Test
    void passwordPolicyNamesTheProblem() {
        for (String bad : new String[] { "short-1", "x@example.com", "Password1234", "aaaaaaaaaaaaaaaa",
            "ä".repeat(40) }) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> passwords.requireAcceptable("password", bad, "x@example.com"), bad);
            assertEquals("password", refused.errors().get(0).field());
        }
        passwords.requireAcceptable("password", "äöüß".repeat(9), "x@example.com");
    }

    @Test
    void firstOwnerOnlyOnAnEmptyPlatform() {
        assertEquals(409, assertThrows(ProblemException.class,
                () -> users.createFirstOwner("second@example.com", "Again", GOOD_PASSWORD)).status());
    }

    @Test
    void loginIssuesATokenThatLogoutRevokes() {
        user("login@example.com", "user");
        LoginService.Session session = logins.login("Login@Example.com ", GOOD_PASSWORD, "10.9.0.1");
        assertTrue(session.token().startsWith("hg_"));
        assertTrue(session.expiresAt().isAfter(Instant.now().plus(11, ChronoUnit.HOURS)));
        assertEquals("login@example.com", tokens.authenticate(session.token()).email());
        logins.logout(session.token());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(session.token())).status());
    }

    @Test
    void everyAttemptIsRecordedAndUnknownLooksLikeWrong() throws Exception {
        user("records@example.com", "user");
        ProblemException wrong = assertThrows(ProblemException.class,
                () -> logins.login("records@example.com", "not-the-password-1", "10.9.0.2"));
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> logins.login("nobody@example.com", "not-the-password-1", "10.9.0.2"));
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.getMessage(), unknown.getMessage());
        logins.login("records@example.com", GOOD_PASSWORD, "10.9.0.2");
        assertEquals("2", single("select count(*) from login_records where ip_address = '10.9.0.2' and not success"));
        assertEquals("1", single("select count(*) from login_records where ip_address = '10.9.0.2' and success"));
        assertEquals("unknown", single("select distinct location from login_records where ip_address = '10.9.0.2'"));
    }

    @Test
    void unknownEmailCostsTheSameTimeAsAWrongPassword() {
        user("timing@example.com", "user");
        long wrong = median(() -> attempt("timing@example.com", "10.9.0.3"));
        long unknown = median(() -> attempt("ghost-" + UUID.randomUUID() + "@example.com", "10.9.0.4"));
        double ratio = (double) unknown / wrong;
        assertTrue(ratio > 0.6 && ratio < 1.6, "unknown/wrong time ratio " + ratio);
    }

    @Test
    void repeatedFailuresAreThrottledForThatAddressOnly() {
        user("victim@example.com", "user");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, assertThrows(ProblemException.class,
                    () -> logins.login("victim@example.com", "guessing-attempt-x", "10.66.0.1")).status());
        }
        ProblemException throttled = assertThrows(ProblemException.class,
                () -> logins.login("victim@example.com", GOOD_PASSWORD, "10.66.0.1"));
        assertEquals(429, throttled.status());
        long retryAfter = Long.parseLong(throttled.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        // the real user, elsewhere, still gets in
        assertNotNull(logins.login("victim@example.com", GOOD_PASSWORD, "10.77.0.1").token());
    }

    @Test
    void injectionStringsAreJustData() throws Exception {
        for (String email : new String[] { "' or 1=1 --@x.io", "a\"}{@x.io", "x@x.io'; drop table users; --" }) {
            assertEquals(401, assertThrows(ProblemException.class,
                    () -> logins.login(email, "whatever-password", "10.9.0.9")).status());
        }
        assertEquals("1", single("select count(*) from pg_tables where tablename = 'users'"));
    }

    @Test
    void forgedMalformedAndExpiredTokensAreRefused() {
        String forged = "hg_" + "A".repeat(43);
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(forged)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate("Bearer x")).status());
        Account user = user("expiring@example.com", "user");
        TokenService.Issued expired = db.transactions().call(em -> tokens.issue(em, user.id(), "api", "old",
                Instant.now().minusSeconds(5)));
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(expired.token())).status());
    }

    @Test
    void suspendingAUserEndsTheirTokensAtOnce() {
        Account user = user("suspended@example.com", "client");
        String token = logins.login("suspended@example.com", GOOD_PASSWORD, "10.9.0.5").token();
        tokens.authenticate(token);
        users.update(owner, user.id(), patch("status", "SUSPENDED"));
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(token)).status());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> logins.login("suspended@example.com", GOOD_PASSWORD, "10.9.0.5")).status());
    }

    @Test
    void accessWindowsLimitLoginAndTokens() {
        Account user = user("windowed@example.com", "client");
        String token = logins.login("windowed@example.com", GOOD_PASSWORD, "10.9.0.6").token();
        Instant nextWeek = Instant.now().plus(7, ChronoUnit.DAYS);
        users.grantAccess(owner, user.id(), nextWeek, nextWeek.plus(1, ChronoUnit.DAYS));
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(token)).status());
        ProblemException refused = assertThrows(ProblemException.class,
                () -> logins.login("windowed@example.com", GOOD_PASSWORD, "10.9.0.6"));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("access window"), refused.getMessage());
        users.grantAccess(owner, user.id(), Instant.now().minusSeconds(60), null);
        assertNotNull(logins.login("windowed@example.com", GOOD_PASSWORD, "10.9.0.6").token());
        assertEquals(2, users.access(owner, user.id()).size());
    }

    @Test
    void adminsCannotTouchOwnersAndTheLastOwnerStays() {
        Account admin = user("admin@example.com", "admin");
        Caller asAdmin = new Caller(admin.id(), admin.email(), "admin", false);
        assertEquals(403, assertThrows(ProblemException.class, () -> users.create(asAdmin,
                new NewAccount("o2@example.com", "O2", "owner", GOOD_PASSWORD, null))).status());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> users.update(asAdmin, owner.userId(), patch("name", "Renamed"))).status());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> users.update(asAdmin, admin.id(), patch("role", "owner"))).status());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> users.update(owner, owner.userId(), patch("role", "admin"))).status());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> users.update(owner, owner.userId(), patch("status", "SUSPENDED"))).status());
    }

    @Test
    void selfUpdatesCannotAssignRoleOrStatus() {
        Account user = user("self@example.com", "client");
        Caller self = new Caller(user.id(), user.email(), "client", false);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> users.update(self, user.id(), patch("role", "admin")));
        assertEquals(400, refused.status());
        assertEquals("role", refused.errors().get(0).field());
        assertEquals("client", users.get(owner, user.id()).role());
        assertEquals("New Name", users.update(self, user.id(), patch("name", "New Name")).name());
        Account other = user("other@example.com", "client");
        assertEquals(404, assertThrows(ProblemException.class, () -> users.get(self, other.id())).status());
    }

    @Test
    void deletedEmailsComeBackOnlyByAnOwnersChoice() {
        Account gone = user("gone@example.com", "user");
        users.delete(owner, gone.id());
        Account admin = user("admin2@example.com", "admin");
        Caller asAdmin = new Caller(admin.id(), admin.email(), "admin", false);
        assertEquals(409, assertThrows(ProblemException.class, () -> users.create(asAdmin,
                new NewAccount("gone@example.com", "Back", "user", GOOD_PASSWORD, true))).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> users.create(owner,
                new NewAccount("gone@example.com", "Back", "user", GOOD_PASSWORD, null))).status());
        assertEquals("gone@example.com", users.create(owner,
                new NewAccount("gone@example.com", "Back", "user", GOOD_PASSWORD, true)).user().email());
    }

    @Test
    void oneTimePasswordMustBeChangedFirst() {
        CreatedAccount created =
                users.create(owner, new NewAccount("fresh@example.com", "Fresh", "client", null, null));
        assertNotNull(created.oneTimePassword());
        assertTrue(created.user().passwordChangeRequired());
        LoginService.Session session = logins.login("fresh@example.com", created.oneTimePassword(), "10.9.0.7");
        assertTrue(session.passwordChangeRequired());
        Caller caller = tokens.authenticate(session.token());
        assertTrue(caller.passwordChangeRequired());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> users.changePassword(caller, "wrong-current-pass", GOOD_PASSWORD, session.token())).status());
        users.changePassword(caller, created.oneTimePassword(), GOOD_PASSWORD, session.token());
        assertFalse(tokens.authenticate(session.token()).passwordChangeRequired());
        CreatedAccount reset = users.resetPassword(owner, created.user().id());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(session.token())).status());
        assertTrue(logins.login("fresh@example.com", reset.oneTimePassword(), "10.9.0.7").passwordChangeRequired());
    }

    /** Whoever held the old password's sessions and API tokens loses them; the changing session stays. */
    @Test
    void aPasswordChangeEndsEveryOtherSessionAndApiToken() {
        Account user = user("rotating@example.com", "user");
        String first = logins.login("rotating@example.com", GOOD_PASSWORD, "10.9.0.8").token();
        String second = logins.login("rotating@example.com", GOOD_PASSWORD, "10.9.0.9").token();
        Caller caller = tokens.authenticate(first);
        String script = users.createApiToken(caller, "old script", null).token();
        tokens.authenticate(second);
        tokens.authenticate(script); // both cached now: the change must not leave them in the cache

        users.changePassword(caller, GOOD_PASSWORD, "a-brand-new-passphrase-9", first);

        assertEquals(user.id(), tokens.authenticate(first).userId(), "the changing session stays");
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(second)).status());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(script)).status());
        assertEquals(401, assertThrows(ProblemException.class,
                () -> logins.login("rotating@example.com", GOOD_PASSWORD, "10.9.0.10")).status());
        assertNotNull(logins.login("rotating@example.com", "a-brand-new-passphrase-9", "10.9.0.10").token());
    }

    @Test
    void apiTokensAreShownOnceAndRevocable() {
        Account user = user("scripts@example.com", "user");
        Caller caller = new Caller(user.id(), user.email(), "user", false);
        IssuedApiToken created = users.createApiToken(caller, "nightly export", null);
        assertEquals(user.id(), tokens.authenticate(created.token()).userId());
        assertEquals(1, users.apiTokens(caller).size());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> users.revokeApiToken(owner, created.apiToken().id())).status());
        users.revokeApiToken(caller, created.apiToken().id());
        assertEquals(401, assertThrows(ProblemException.class, () -> tokens.authenticate(created.token())).status());
        assertNotNull(users.apiTokens(caller).get(0).revokedAt());
    }

    @Test
    void userListsPageByCreationWithoutRepeatsOrGaps() {
        for (int i = 0; i < 5; i++) {
            user("paged" + i + "@example.com", "guest");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            org.hashgrid.core.Page<Account> page = users.list(org.hashgrid.core.PageRequest.of(2, cursor), "guest",
                    null);
            page.items().forEach(u -> assertTrue(seen.add(u.id()), "no repeats"));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertTrue(seen.size() >= 5 && pages >= 3, seen.size() + " users in " + pages + " pages");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> users.list(org.hashgrid.core.PageRequest.of(2, org.hashgrid.core.PageRequest.cursorAfter(
                        "not-a-key")), null, null))
                .status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> users.list(org.hashgrid.core.PageRequest.of(2, org.hashgrid.core.PageRequest.cursorAfter("1,x")),
                        null, null))
                .status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> org.hashgrid.core.PageRequest.of(2, "not base64!")).status());
    }

    @Test
    void passwordHashNeverLeavesTheServer() throws Exception {
        String json = JsonMapping.newMapper().writeValueAsString(users.get(owner, owner.userId()));
        assertFalse(json.contains("password_hash") || json.contains("$2y$"), json);
        assertNull(users.create(owner, new NewAccount("given@example.com", null, "guest", GOOD_PASSWORD, null))
                .oneTimePassword());
    }

    @Test
    void oldLoginRecordsArePurged() throws Exception {
        execute("insert into login_records(email, success, login_time) values ('old@example.com', true, "
                + "now() - interval '400 days')");
        LoginRecordRetention retention = new LoginRecordRetention(
                Configs.of(IdentityConfig.class, Map.of()), db.transactions());
        try {
            assertTrue(retention.purge() >= 1);
            assertEquals("0", single("select count(*) from login_records where email = 'old@example.com'"));
        } finally {
            retention.close();
        }
    }

    private static Account user(String email, String role) {
        return users.create(owner, new NewAccount(email, "Name", role, GOOD_PASSWORD, null)).user();
    }

    private static MergePatch patch(String field, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put(field, value);
        return new MergePatch(body);
    }

    private static long attempt(String email, String ip) {
        long start = System.nanoTime();
        assertThrows(ProblemException.class, () -> logins.login(email, "not-the-password-1", ip));
        return System.nanoTime() - start;
    }

    private static long median(Supplier<Long> run) {
        long[] times = new long[3];
        for (int i = 0; i < times.length; i++) {
            times[i] = run.get();
        }
        java.util.Arrays.sort(times);
        return times[1];
    }

    private static String single(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
