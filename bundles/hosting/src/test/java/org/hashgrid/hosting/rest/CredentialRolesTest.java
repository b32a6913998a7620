package org.hashgrid.hosting.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import org.junit.jupiter.api.Test;

/**
 * The roles of the credential operations as the platform enforces them ({@code @RolesAllowed},
 * before the services' own checks): owners and admins change credentials, the operator's users
 * read their metadata, clients and guests nothing. {@code CredentialsIT} sends each over HTTP.
 */
class CredentialRolesTest {
    private static final Set<String> ADMINS = Set.of("owner", "admin");
    private static final Set<String> STAFF = Set.of("owner", "admin", "user");

    @Test
    void credentialOperationsDeclareTheirRoles() throws Exception {
        check(MinerResource.class, "setCredentials", PUT.class, "{id}/credentials", ADMINS);
        check(MinerResource.class, "removeCredentials", DELETE.class, "{id}/credentials", ADMINS);
        check(MinerResource.class, "credentials", GET.class, "{id}/credentials", STAFF);
        check(SiteResource.class, "setCredentials", PUT.class, "{id}/credentials/{driver}", ADMINS);
        check(SiteResource.class, "removeCredentials", DELETE.class, "{id}/credentials/{driver}", ADMINS);
        check(SiteResource.class, "credentials", GET.class, "{id}/credentials/{driver}", STAFF);
    }

    private static void check(Class<?> resource, String name, Class<? extends java.lang.annotation.Annotation> verb,
            String path, Set<String> roles) {
        Method method = Arrays.stream(resource.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        assertNotNull(method.getAnnotation(verb), name);
        assertEquals(path, method.getAnnotation(Path.class).value(), name);
        assertEquals(roles, Arrays.stream(method.getAnnotation(RolesAllowed.class).value()).collect(Collectors.toSet()),
                resource.getSimpleName() + "." + name);
    }
}
