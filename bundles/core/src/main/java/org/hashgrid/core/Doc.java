package org.hashgrid.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Human description carried into the OpenAPI document: on a resource class (tag description),
 * a resource method (operation summary), a parameter, or a DTO record component (field
 * description, including its unit).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
    ElementType.FIELD })
public @interface Doc {
    String value();
}
