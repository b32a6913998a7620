package org.hashgrid.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.HttpMethod;

/**
 * The roles a JAX-RS resource declares, for tests that pin every operation's rule down: a new
 * operation without {@code @RolesAllowed}, or a rule changed by accident, fails the test that
 * lists them. (That the platform enforces the annotations is proven over HTTP in the Pax Exam
 * tests.)
 */
public final class DeclaredRoles {

    private DeclaredRoles() {
    }

    /**
     * @return the roles of each JAX-RS method of {@code resource}, keyed "HTTP-method java-name"
     *         (e.g. {@code GET list}); an empty set for a method without {@code @RolesAllowed}
     */
    public static Map<String, Set<String>> of(Class<?> resource) {
        Map<String, Set<String>> roles = new TreeMap<>();
        for (Method m : resource.getDeclaredMethods()) {
            String verb = Arrays.stream(m.getAnnotations())
                    .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(Objects::nonNull)
                    .map(HttpMethod::value).findFirst().orElse(null);
            if (verb != null) {
                RolesAllowed allowed = m.getAnnotation(RolesAllowed.class);
                roles.put(verb + " " + m.getName(), allowed == null ? Set.of()
                        : Arrays.stream(allowed.value()).collect(Collectors.toSet()));
            }
        }
        return roles;
    }
}
