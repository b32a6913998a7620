package org.hashgrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration changes apply while requests run: the configured components take them in place
 * ({@code @Modified}), so no endpoint is withdrawn and no session is lost; invalid values are
 * refused and the previous ones stay.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends HashgridTestSupport {
    private static final String IDENTITY = "org.hashgrid.identity";
    private static final String TOKEN_SERVICE = "org.hashgrid.identity.internal.TokenService";
    private static final String AUTHENTICATION_FILTER = "org.hashgrid.identity.internal.BearerAuthentication";
    private static final String LIVE_READS = "org.hashgrid.hosting.internal.LiveReadService";
    private static final String BODY_LIMIT = "org.hashgrid.api.internal.BodySizeLimitFilter";
    private static final long SETTLE_MS = 400;

    @Inject
    protected ConfigurationAdmin configurations;

    /**
     * The identity configuration starts as a file in etc/, as an operator ships it; Karaf's file
     * install writes the changes made through Configuration Admin back to that file.
     */
    @Override
    @Configuration
    public Option[] config() throws Exception {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.hashgrid.identity.cfg", "login.record.retention.days", "365"));
    }

    @Test
    public void everyKeyChangesWhileAuthenticatedRequestsRunWithoutAFlap() throws Exception {
        awaitPlatform();
        String session = login(OWNER_EMAIL, OWNER_PASSWORD);
        long tokenServiceId = serviceId(TOKEN_SERVICE);
        long filterId = serviceId(AUTHENTICATION_FILTER);

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> clients = new ArrayList<>();
        for (String path : new String[] { "/auth/me", "/sites", "/auth/me" }) {
            clients.add(pool.submit(() -> {
                while (running.get()) {
                    int status;
                    try {
                        status = httpAs(session, "GET", path, null, null).status();
                    } catch (IOException e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        try {
            Thread.sleep(SETTLE_MS);
            int before = total(statuses);
            long started = System.nanoTime();
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("bcrypt.cost", 13);
            identity.put("session.ttl.minutes", 60);
            identity.put("max.failures", 6);
            identity.put("max.failures.per.ip", 25);
            identity.put("failure.window.minutes", 10);
            identity.put("base.delay.seconds", 20);
            identity.put("trusted.proxies", new String[] { "10.0.0.0/8", "192.168.0.0/16" });
            identity.put("token.cache.seconds", 5);
            identity.put("login.record.retention.days", 400);
            for (Map.Entry<String, Object> change : identity.entrySet()) {
                change(IDENTITY, TOKEN_SERVICE, change.getKey(), change.getValue());
            }
            change("org.hashgrid.hosting.live", LIVE_READS, "timeout.ms", 5000);
            change("org.hashgrid.api.limits", BODY_LIMIT, "max.body.bytes", 2L * 1024 * 1024);
            int during = total(statuses) - before;
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            running.set(false);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
            System.out.println("LiveConfigurationIT: " + during + " requests in " + millis
                    + " ms of configuration changes; statuses of the whole run " + new TreeMap<>(statuses));
            assertEquals("every request answered 200: " + statuses, Set.of(200), statuses.keySet());
            assertTrue("requests ran during the changes: " + during, during >= 100);
            assertEquals("TokenService was not restarted", tokenServiceId, serviceId(TOKEN_SERVICE));
            assertEquals("the authentication filter stayed", filterId, serviceId(AUTHENTICATION_FILTER));
            assertEquals(200, httpAs(session, "GET", "/auth/me", null, null).status());
            assertWrittenBack("login.record.retention.days", "400");
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    public void invalidValuesAreRefusedAndThePreviousOnesStay() throws Exception {
        awaitPlatform();
        change(IDENTITY, TOKEN_SERVICE, "session.ttl.minutes", 5);
        assertMinutesAhead(5, login());

        for (int invalid : new int[] { 0, -3 }) {
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("session.ttl.minutes", invalid);
            bad.put("bcrypt.cost", 4);
            change(IDENTITY, TOKEN_SERVICE, bad);
            assertMinutesAhead(5, login());
        }
        String log = karafLog();
        assertTrue("TokenService logged the refusal",
                log.contains("Configuration org.hashgrid.identity refused: session.ttl.minutes=-3 must be at least 1; "
                        + "the previous values stay"));
        assertTrue("PasswordService logged the refusal",
                log.contains("Configuration org.hashgrid.identity refused: bcrypt.cost=4 must be between 12 and 20; "
                        + "the previous values stay"));
    }

    /** The expiry of a new owner session; the login must succeed. */
    private Instant login() throws IOException {
        Reply reply = httpAs(null, "POST", "/auth/login", "application/json",
                "{\"email\":\"" + OWNER_EMAIL + "\",\"password\":\"" + OWNER_PASSWORD + "\"}");
        assertEquals(reply.body(), 200, reply.status());
        return Instant.parse(field(reply.body(), "expires_at"));
    }

    private static void assertMinutesAhead(long minutes, Instant expiresAt) {
        Duration ahead = Duration.between(Instant.now(), expiresAt);
        assertTrue("expires in " + ahead + ", not " + minutes + " minutes",
                Math.abs(ahead.minusMinutes(minutes).toSeconds()) < 30);
    }

    private void change(String pid, String component, String key, Object value) throws Exception {
        change(pid, component, Map.of(key, value));
    }

    /**
     * Sets {@code values} on {@code pid} through Configuration Admin, waits until {@code component}
     * shows them as service properties (SCR has handed them over), then lets requests run a while.
     */
    private void change(String pid, String component, Map<String, Object> values) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
                : configuration.getProperties();
        values.forEach(properties::put);
        configuration.update(properties);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!values.entrySet().stream()
                .allMatch(v -> text(property(component, v.getKey())).equals(text(v.getValue())))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(component + " did not get " + values);
            }
            Thread.sleep(20);
        }
        if (pid.equals(IDENTITY)) {
            // File install writes each change back to etc/; the next change waits for that, or file
            // install may read its own late write as an edit and put the older value back (seen once)
            for (Map.Entry<String, Object> v : values.entrySet()) {
                awaitWrittenBack(v.getKey(), v.getValue());
            }
        }
        Thread.sleep(SETTLE_MS);
    }

    /** Waits until etc/'s file of the identity PID names {@code key} with every element of {@code value}. */
    private static void awaitWrittenBack(String key, Object value) throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc"), IDENTITY + ".cfg");
        List<String> parts = value instanceof String[] array ? Arrays.asList(array) : List.of(String.valueOf(value));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            // continuation lines (a list is written one element a line) joined first
            boolean written = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\\\\\r?\\n", "").lines()
                    .map(line -> line.replace(" ", ""))
                    .anyMatch(line -> line.startsWith(key + "=") && parts.stream().allMatch(line::contains));
            if (written) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " was not written back with " + key + " = " + parts);
    }

    private Object property(String component, String key) {
        ServiceReference<?> reference = reference(component);
        return reference == null ? null : reference.getProperty(key);
    }

    private long serviceId(String component) {
        ServiceReference<?> reference = reference(component);
        assertTrue(component + " is registered", reference != null);
        return (Long) reference.getProperty("service.id");
    }

    private ServiceReference<?> reference(String component) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(null, "(component.name=" + component + ")");
            return found == null ? null : found[0];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String text(Object value) {
        return value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value);
    }

    private static int total(Map<Integer, AtomicInteger> statuses) {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Karaf's file install keeps etc/org.hashgrid.identity.cfg in step with Configuration Admin. */
    private static void assertWrittenBack(String key, String value) throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc"), IDENTITY + ".cfg");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.lines().anyMatch(line -> line.replace(" ", "").matches(java.util.regex.Pattern.quote(key)
                    + "=(I\"" + value + "\"|" + value + ")"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(file + " does not say " + key + " = " + value + ":\n" + text);
    }

    private static String karafLog() throws IOException {
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
