package org.hashgrid.api;

/** Names that tie resources and extensions to the one Hashgrid JAX-RS application. */
public final class RestApi {
    /** {@code osgi.jaxrs.name} of the Hashgrid application. */
    public static final String APPLICATION_NAME = "hashgrid";
    /** Base path of every Hashgrid endpoint. */
    public static final String BASE_PATH = "/api/v1";
    /** Value for {@code @JaxrsApplicationSelect} on Hashgrid resources and extensions. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";
    /** RFC 9457 media type of error bodies. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private RestApi() {
    }
}
