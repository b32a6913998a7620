package org.hashgrid.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Instances of configuration annotations for tests, as SCR hands them to components: the
 * declared defaults, with overrides by member name ({@code Map.of("session_ttl_minutes", 5)}).
 */
public final class Configs {
    private Configs() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue()));
    }
}
