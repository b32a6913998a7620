package org.hashgrid.api.internal;

import java.net.URI;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.ConfigCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers every API response carries, errors included: {@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store} (answers hold tokens and account data, never for a shared
 * cache), and a {@code Location} built from the configured public base URL — never from the
 * request's {@code Host} header, which a caller chooses — or, without one, the path alone.
 */
@Component(service = ContainerResponseFilter.class, configurationPid = ResponseHeadersFilter.PID)
@Designate(ocd = ResponseHeadersFilter.Config.class)
@JaxrsExtension
@JaxrsName("hashgrid.response-headers")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
public class ResponseHeadersFilter implements ContainerResponseFilter {
    static final String PID = "org.hashgrid.api.http";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseHeadersFilter.class);

    @ObjectClassDefinition(name = "Hashgrid HTTP responses")
    public @interface Config {
        @AttributeDefinition(name = "Public base URL", description = "Scheme, host and port clients reach the API "
                + "at (e.g. https://ops.example.com), for Location headers; empty: Location carries the path only")
        String public_base_url() default "";
    }

    private volatile String base;

    @Activate
    public ResponseHeadersFilter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        base = ConfigCheck.apply(PID, Config.class, config, base,
                (check, c) -> check.baseUrl("public.base.url", c::public_base_url), LOG::warn);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        request.setProperty(ApiAvailabilityFilter.ANSWERED, Boolean.TRUE);
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        Object location = headers.getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            headers.putSingle(HttpHeaders.LOCATION, located(base, URI.create(location.toString())));
        }
    }

    /** {@code location}'s path and query on {@code base} (empty: the path and query alone). */
    static String located(String base, URI location) {
        String path = location.getRawPath() == null ? "" : location.getRawPath();
        return base + path + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }
}
