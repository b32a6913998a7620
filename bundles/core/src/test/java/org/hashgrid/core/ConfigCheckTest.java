package org.hashgrid.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigCheckTest {
    private static final String PID = "org.hashgrid.test";

    /** A configuration type as components declare them (annotation members with defaults). */
    @interface Config {
        int cost() default 12;

        long bytes() default 1024;

        String[] ranges() default { "10.0.0.0/8" };
    }

    record Settings(int cost, long bytes, List<IpRange> ranges) {
        static Settings read(ConfigCheck check, Config config) {
            return new Settings(check.between("cost", config::cost, 12, 20), check.atLeast("bytes", config::bytes, 1),
                    check.cidrs("ranges", config::ranges));
        }
    }

    private final List<String> log = new ArrayList<>();

    @Test
    void validConfigurationApplies() {
        Settings old = apply(Map.of(), null);
        Settings next = apply(Map.of("cost", 14, "bytes", 5L, "ranges", new String[] { "192.168.0.0/16", " " }), old);
        assertEquals(new Settings(14, 5, List.of(IpRange.parse("192.168.0.0/16"))), next);
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void aListGivenAsOneCommaSeparatedStringIsSplit() {
        Settings read = apply(Map.of("ranges", new String[] { "10.0.0.0/8, 192.168.0.0/16,", "fc00::/7" }), null);
        assertEquals(List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.168.0.0/16"), IpRange.parse("fc00::/7")),
                read.ranges());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void anInvalidKeyKeepsThePreviousSettingsWithOneLine() {
        Settings old = apply(Map.of("cost", 13), null);
        Settings kept = apply(Map.of("cost", 4, "bytes", 0L, "ranges", new String[] { "10.0.0.0/8", "nonsense" }), old);
        assertSame(old, kept);
        assertEquals(1, log.size());
        String line = log.get(0);
        assertTrue(line.startsWith("Configuration org.hashgrid.test refused: "), line);
        assertTrue(line.contains("cost=4 must be between 12 and 20"), line);
        assertTrue(line.contains("bytes=0 must be at least 1"), line);
        assertTrue(line.contains("ranges=nonsense is not a CIDR block"), line);
        assertTrue(line.endsWith("; the previous values stay"), line);
    }

    @Test
    void invalidAtActivationGivesTheDefaults() {
        Settings first = apply(Map.of("cost", 21, "bytes", 7L), null);
        assertEquals(new Settings(12, 1024, List.of(IpRange.parse("10.0.0.0/8"))), first);
        assertEquals(1, log.size());
        assertTrue(
                log.get(0).contains("cost=21 must be between 12 and 20") && log.get(0).endsWith("the defaults apply"),
                log.get(0));
    }

    @Test
    void anUnreadableValueIsRefused() {
        Settings old = apply(Map.of(), null);
        Config broken = config(Map.of("bytes", "many"));
        assertSame(old, ConfigCheck.apply(PID, Config.class, broken, old, Settings::read, log::add));
        assertTrue(log.get(0).contains("bytes is unreadable"), log.toString());
    }

    /** A configuration with only a base URL. */
    @interface Web {
        String url() default "";
    }

    @Test
    void baseUrlsAreAbsoluteHttpWithoutQuery() {
        java.util.function.Function<String, String> read = url -> ConfigCheck.apply(PID, Web.class,
                web(url), "previous", (check, c) -> check.baseUrl("url", c::url), log::add);
        assertEquals("", read.apply(""));
        assertEquals("https://ops.example.com", read.apply("https://ops.example.com/"));
        assertEquals("http://10.0.0.5:8181", read.apply(" http://10.0.0.5:8181 "));
        assertTrue(log.isEmpty(), log.toString());
        for (String bad : new String[] { "ops.example.com", "ftp://ops.example.com", "https://x/?a=b", "https://x/#f",
            "http://", "::" }) {
            assertEquals("previous", read.apply(bad), bad);
        }
        assertEquals(6, log.size(), log.toString());
    }

    private static Web web(String url) {
        return (Web) Proxy.newProxyInstance(Web.class.getClassLoader(), new Class<?>[] { Web.class },
                (proxy, method, args) -> url);
    }

    private Settings apply(Map<String, Object> values, Settings current) {
        return ConfigCheck.apply(PID, Config.class, config(values), current, Settings::read, log::add);
    }

    /** What SCR hands a component: the given values, else the defaults; a value of the wrong type throws on reading. */
    private static Config config(Map<String, Object> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] { Config.class },
                (proxy, method, args) -> {
                    Object value = values.getOrDefault(method.getName(), method.getDefaultValue());
                    if (value instanceof String text && method.getReturnType() == long.class) {
                        throw new IllegalArgumentException("Could not convert '" + text + "' to long");
                    }
                    return value;
                });
    }
}
