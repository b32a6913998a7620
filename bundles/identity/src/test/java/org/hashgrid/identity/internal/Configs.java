package org.hashgrid.identity.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Instances of configuration annotations for tests: the declared defaults, with overrides. */
final class Configs {
    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue()));
    }
}
