package org.hashgrid.identity.internal;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.hashgrid.core.ProblemException;
import org.hashgrid.model.internal.SchemaMigrator;
import org.hashgrid.model.internal.UnitTransactions;
import org.hashgrid.model.persistence.Transactions;
import org.hashgrid.testing.TestPostgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * What authentication costs: the bearer-token check every request makes (served from the token
 * cache, and from the database with the cache off) and a password login at the configured
 * bcrypt cost, against bcrypt cost 10 as a baseline. Runs the identity services as they run in
 * the platform, outside OSGi, on a migrated database of the test PostgreSQL behind the pool the
 * distribution uses. Lives in the services' package to reach the package-private hashing
 * methods and the cost-10 password service that production refuses.
 */
public final class IdentityBenchmark {
    private static final String PASSWORD = "benchmark-passphrase-31";
    private static final int TOKEN_WARMUP = 50_000;
    private static final int TOKEN_CACHED_RUNS = 200_000;
    private static final int TOKEN_DB_WARMUP = 2_000;
    private static final int TOKEN_DB_RUNS = 10_000;
    private static final int BCRYPT_RUNS = 15;

    private IdentityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase("bench_identity");
        try (HikariDataSource pool = pool(database)) {
            SchemaMigrator.migrate(pool);
            EntityManagerFactory emf = Persistence.createEntityManagerFactory("hashgrid", Map.of(
                    "javax.persistence.nonJtaDataSource", pool,
                    "eclipselink.weaving", "false",
                    "eclipselink.logging.level", "WARNING"));
            try {
                run(new UnitTransactions(emf));
            } finally {
                emf.close();
            }
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private static void run(Transactions jpa) {
        PasswordService cost12 = new PasswordService(config(Map.of()));
        IdentityConfig cached = config(Map.of());
        IdentityConfig uncached = config(Map.of("token_cache_seconds", 0));
        TokenService tokens = new TokenService(cached, jpa);
        TokenService noCache = new TokenService(uncached, jpa);
        LoginService logins = new LoginService(cached, jpa, tokens, cost12);
        new UserService(jpa, cost12, tokens).createFirstOwner("owner@bench.example", "Owner", PASSWORD);
        String token = logins.login("owner@bench.example", PASSWORD, "10.0.0.1").token();

        System.out.println();
        System.out.println("=== Identity benchmark (the lines above are the schema migration) ===");
        System.out.printf("Machine: %d cores, Java %s (%s), %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch"));
        System.out.println("JVM: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println();
        System.out.printf("Token check, TokenService.authenticate (token_cache_seconds=%d; %,d warm-up calls)%n",
                cached.token_cache_seconds(), TOKEN_WARMUP);
        repeat(TOKEN_WARMUP, i -> tokens.authenticate(token));
        long[] hit = measure(TOKEN_CACHED_RUNS, i -> tokens.authenticate(token));
        report("cache hit", hit);
        repeat(TOKEN_DB_WARMUP, i -> noCache.authenticate(token));
        long[] miss = measure(TOKEN_DB_RUNS, i -> noCache.authenticate(token));
        report("cache off (database)", miss);
        System.out.printf("  p50 database / cache hit: %.0fx%n", (double) percentile(miss, 50) / percentile(hit, 50));

        System.out.println();
        System.out.printf("Passwords (%d runs each; cost 10 is the baseline, production uses %d)%n", BCRYPT_RUNS,
                cost12.cost());
        PasswordService cost10 = new PasswordService(10);
        String hash10 = cost10.hash(PASSWORD);
        String hash12 = cost12.hash(PASSWORD);
        long[] hashing10 = measure(BCRYPT_RUNS, i -> cost10.hash(PASSWORD));
        long[] hashing12 = measure(BCRYPT_RUNS, i -> cost12.hash(PASSWORD));
        long[] verifying10 = measure(BCRYPT_RUNS, i -> cost10.verify(PASSWORD, hash10));
        long[] verifying12 = measure(BCRYPT_RUNS, i -> cost12.verify(PASSWORD, hash12));
        report("hash, cost 10", hashing10);
        report("hash, cost 12", hashing12);
        report("verify, cost 10", verifying10);
        report("verify, cost 12", verifying12);
        System.out.printf("  p50 verify cost 12 / cost 10: %.1fx%n",
                (double) percentile(verifying12, 50) / percentile(verifying10, 50));

        System.out.println();
        System.out.printf("Login, LoginService.login at cost %d (%d runs each)%n", cost12.cost(), BCRYPT_RUNS);
        long[] success = measure(BCRYPT_RUNS, i -> logins.login("owner@bench.example", PASSWORD, "10.0.1." + i));
        // a fresh address per attempt, so that the failures are never throttled
        long[] wrong = measure(BCRYPT_RUNS, i -> refused(() -> logins.login("owner@bench.example",
                "not-the-passphrase-1", "10.0.2." + i)));
        long[] unknown = measure(BCRYPT_RUNS, i -> refused(() -> logins.login("nobody@bench.example",
                "not-the-passphrase-1", "10.0.3." + i)));
        report("success (issues a session)", success);
        report("wrong password", wrong);
        report("unknown e-mail", unknown);
        System.out.printf("  p50 login / verify alone: %.2fx%n",
                (double) percentile(success, 50) / percentile(verifying12, 50));
    }

    private static void refused(Runnable login) {
        try {
            login.run();
        } catch (ProblemException expected) {
            if (expected.status() != 401) {
                throw expected;
            }
            return;
        }
        throw new IllegalStateException("the login was accepted");
    }

    private static void repeat(int times, IntConsumer call) {
        for (int i = 0; i < times; i++) {
            call.accept(i);
        }
    }

    /** The duration of each call, in nanoseconds, sorted. */
    private static long[] measure(int times, IntConsumer call) {
        long[] durations = new long[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            call.accept(i);
            durations[i] = System.nanoTime() - start;
        }
        Arrays.sort(durations);
        return durations;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("  %-28s p50 %10s   p90 %10s   p99 %10s   (n=%,d)%n", what, time(percentile(sorted, 50)),
                time(percentile(sorted, 90)), time(percentile(sorted, 99)), sorted.length);
    }

    private static String time(long nanos) {
        return nanos < 1_000_000 ? String.format("%.2f µs", nanos / 1e3) : String.format("%.2f ms", nanos / 1e6);
    }

    /** The configuration annotation with its defaults, and {@code overrides}, as Config Admin would give it. */
    private static IdentityConfig config(Map<String, Object> overrides) {
        return (IdentityConfig) Proxy.newProxyInstance(IdentityConfig.class.getClassLoader(),
                new Class<?>[] { IdentityConfig.class }, (proxy, method, arguments) -> overrides.getOrDefault(
                        method.getName(), method.getDefaultValue()));
    }

    /** Sized like etc/org.ops4j.datasource-hashgrid.cfg of the README. */
    private static HikariDataSource pool(TestPostgres.Database database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(30);
        config.setMinimumIdle(10);
        return new HikariDataSource(config);
    }
}
