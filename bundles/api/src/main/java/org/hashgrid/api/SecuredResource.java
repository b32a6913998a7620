package org.hashgrid.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Registers a DS component as a resource of the Hashgrid application that is served only while
 * the authentication filter is present: when the identity bundle is stopped or updated, these
 * resources are withdrawn (their paths answer 503) instead of being served unauthenticated. Use it instead of
 * {@code @JaxrsResource}, {@code @JaxrsApplicationSelect} and {@code @JSONRequired}; declare
 * access on each method with {@code @RolesAllowed} or {@code @PermitAll}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SecuredResource {
    /** Name of the authentication filter extension of the identity bundle. */
    String AUTHENTICATION_EXTENSION = "hashgrid.authentication";

    boolean osgi_jaxrs_resource() default true;

    String osgi_jaxrs_application_select() default RestApi.APPLICATION_SELECT;

    String[] osgi_jaxrs_extension_select() default { "(osgi.jaxrs.media.type=application/json)",
        "(osgi.jaxrs.name=" + AUTHENTICATION_EXTENSION + ")" };
}
