package org.hashgrid.core;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Live configuration of a component. The component keeps its settings as one immutable value in
 * a volatile field and reads them at activation and on every change ({@code @Modified}) through
 * {@link #apply}: its reader reads each key through a check of this class, and the new settings
 * take effect only when every key passed. Otherwise one line, handed to {@code log}, names the
 * PID, every refused key with its value and the rule, and says that the previous settings stay
 * (at activation: that the defaults of the configuration type apply).
 *
 * <pre>
 * private volatile Settings settings;
 *
 * &#64;Activate
 * public TokenService(IdentityConfig config, &#64;Reference Transactions tx) {
 *     this.tx = tx;
 *     modified(config);
 * }
 *
 * &#64;Modified
 * void modified(IdentityConfig config) {
 *     settings = ConfigCheck.apply(IdentityConfig.PID, IdentityConfig.class, config, settings, Settings::read, LOG::warn);
 * }
 *
 * record Settings(Duration cacheFor) {
 *     static Settings read(ConfigCheck check, IdentityConfig config) {
 *         return new Settings(Duration.ofSeconds(check.atLeast("token.cache.seconds", config::token_cache_seconds, 0)));
 *     }
 * }
 * </pre>
 *
 * A reader only reads: anything expensive or with side effects (rescheduling, hashing) is done
 * by the component once {@code apply} has returned new settings.
 */
public final class ConfigCheck {
    private final List<String> refused = new ArrayList<>();

    private ConfigCheck() {
    }

    /**
     * The settings {@code reader} makes of {@code config} when every key is valid; else
     * {@code current} (or, when there is none yet, the settings of {@code type}'s defaults) after
     * one line to {@code log}.
     *
     * @param type the configuration annotation; every member must declare a default
     */
    public static <C, S> S apply(String pid, Class<C> type, C config, S current,
            BiFunction<ConfigCheck, C, S> reader, Consumer<String> log) {
        ConfigCheck check = new ConfigCheck();
        S next = null;
        try {
            next = reader.apply(check, config);
        } catch (RuntimeException e) {
            check.refused.add("(unreadable: " + e.getMessage() + ")");
        }
        if (check.refused.isEmpty()) {
            return next;
        }
        S kept = current != null ? current : reader.apply(new ConfigCheck(), defaults(type));
        log.accept("Configuration " + pid + " refused: " + String.join(", ", check.refused)
                + (current != null ? "; the previous values stay" : "; the defaults apply"));
        return kept;
    }

    /** {@code value}, refused when below {@code min}. */
    public int atLeast(String key, IntSupplier value, int min) {
        return between(key, value, min, Integer.MAX_VALUE);
    }

    /** {@code value}, refused when below {@code min} or above {@code max}. */
    public int between(String key, IntSupplier value, int min, int max) {
        try {
            int read = value.getAsInt();
            check(read >= min && read <= max, key, read, max == Integer.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max);
            return read;
        } catch (RuntimeException e) {
            return unreadable(key, e, min);
        }
    }

    /** {@code value}, refused when below {@code min}. */
    public long atLeast(String key, LongSupplier value, long min) {
        try {
            long read = value.getAsLong();
            check(read >= min, key, read, "must be at least " + min);
            return read;
        } catch (RuntimeException e) {
            return unreadable(key, e, min);
        }
    }

    /**
     * The CIDR blocks of {@code values}, each value also split at commas (an {@code etc/*.cfg}
     * file gives a list as one comma-separated string); blank entries are skipped, every entry
     * that is not a block is refused.
     */
    public List<IpRange> cidrs(String key, Supplier<String[]> values) {
        List<IpRange> ranges = new ArrayList<>();
        String[] given = value(key, values, null);
        List<String> entries = new ArrayList<>();
        for (String value : given == null ? new String[0] : given) {
            entries.addAll(List.of(value == null ? new String[0] : value.split(",")));
        }
        for (String cidr : entries) {
            try {
                if (cidr != null && !cidr.isBlank()) {
                    ranges.add(IpRange.parse(cidr));
                }
            } catch (IllegalArgumentException e) {
                check(false, key, cidr, "is not a CIDR block: " + e.getMessage());
            }
        }
        return List.copyOf(ranges);
    }

    /**
     * An absolute {@code http} or {@code https} URL without query or fragment, returned without a
     * trailing slash; blank means none ({@code ""}). Anything else is refused.
     */
    public String baseUrl(String key, Supplier<String> value) {
        String url = value(key, value, "");
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            boolean valid = uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
            check(valid, key, url, "is not an absolute http(s) URL without query or fragment");
            return valid ? url.strip().replaceAll("/+$", "") : "";
        } catch (java.net.URISyntaxException e) {
            check(false, key, url, "is not a URL");
            return "";
        }
    }

    /** {@code value} as it is, refused only when it cannot be read (e.g. text for a number); then {@code fallback}. */
    public <T> T value(String key, Supplier<T> value, T fallback) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return unreadable(key, e, fallback);
        }
    }

    private void check(boolean valid, String key, Object value, String rule) {
        if (!valid) {
            refused.add(key + "=" + (value instanceof Object[] array ? Arrays.toString(array) : value) + " " + rule);
        }
    }

    private <T> T unreadable(String key, RuntimeException e, T fallback) {
        refused.add(key + " is unreadable (" + e.getMessage() + ")");
        return fallback;
    }

    /** An instance of a configuration annotation that answers every member with its declared default. */
    static <C> C defaults(Class<C> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> type.getName() + " defaults";
                    default -> method.getDefaultValue();
                }));
    }
}
