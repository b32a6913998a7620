package org.hashgrid.api.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.Doc;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI document of every resource currently
 * registered with the Hashgrid application, so it follows bundles as they come and go.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsName("hashgrid.openapi")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@JSONRequired
@Path("/openapi.json")
@Doc("API description")
public class OpenApiResource {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiResource.class);
    private static final String RESOURCE_FILTER = "(&(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)("
            + JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT + "="
            + RestApi.APPLICATION_SELECT.replace("(", "\\(").replace(")", "\\)") + "))";

    private final ServiceTracker<Object, ServiceReference<Object>> resources;

    @Activate
    public OpenApiResource(BundleContext context) throws org.osgi.framework.InvalidSyntaxException {
        resources = new ServiceTracker<>(context, context.createFilter(RESOURCE_FILTER), null) {
            @Override
            public ServiceReference<Object> addingService(ServiceReference<Object> reference) {
                return reference;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, ServiceReference<Object> tracked) {
                // nothing was got in addingService, so nothing to unget (this resource tracks itself too)
            }
        };
        resources.open();
    }

    @Deactivate
    void close() {
        resources.close();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Doc("OpenAPI 3.0 document of the endpoints present now")
    public Map<String, Object> openApi() {
        OpenApiBuilder builder = new OpenApiBuilder();
        ServiceReference<Object>[] references = resources.getServiceReferences();
        if (references != null) {
            for (ServiceReference<Object> reference : references) {
                Class<?> type = resourceClass(reference);
                if (type != null) {
                    builder.add(type);
                }
            }
        }
        return builder.build();
    }

    /**
     * The methods the API serves at {@code path} (a request path, {@code /api/v1/...}) as an
     * {@code Allow} value, from the resources registered now; null when no documented path matches.
     * The JAX-RS runtime's own 405 lists every method of every resource sharing a root.
     */
    public String allowedMethods(String path) {
        if (path == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi().get("paths");
        Set<String> methods = new TreeSet<>();
        paths.forEach((template, operations) -> {
            if (matches(template, path)) {
                operations.keySet().forEach(method -> methods.add(method.toUpperCase(Locale.ROOT)));
            }
        });
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    /** Whether {@code path} is an instance of the OpenAPI path {@code template} ({@code {id}} = one segment). */
    static boolean matches(String template, String path) {
        String regex = Arrays.stream(template.split("\\{[^}/]+}", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[^/]+"));
        return path.matches(regex);
    }

    /** Loads the class the resource is registered under, without activating its component. */
    private static Class<?> resourceClass(ServiceReference<?> reference) {
        String[] objectClass = (String[]) reference.getProperty("objectClass");
        try {
            return reference.getBundle() == null ? null : reference.getBundle().loadClass(objectClass[0]);
        } catch (ClassNotFoundException | IllegalStateException e) {
            LOG.debug("Resource class {} not loadable for OpenAPI", objectClass[0], e);
            return null;
        }
    }
}
