package org.hashgrid.api.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hashgrid.api.RestApi;
import org.hashgrid.api.internal.OpenApiBuilder.Endpoint;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources of the Hashgrid application: those registered now (for the OpenAPI document and
 * a 405's {@code Allow}), and every operation a bundle still installed has ever served. A path
 * that no resource answers but that such a bundle serves belongs to a module that is stopped,
 * restarting or being updated: it is answered 503 with {@code Retry-After}, never a bare 404,
 * and the log says so once per absence. A bundle that is uninstalled takes its paths with it.
 */
@Component(service = ResourceDirectory.class)
public class ResourceDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceDirectory.class);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final String RESOURCE_FILTER = "(&(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)("
            + JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT + "="
            + RestApi.APPLICATION_SELECT.replace("(", "\\(").replace(")", "\\)") + "))";

    /** An operation some installed bundle serves, or served before it went away. */
    record Known(String template, Pattern pattern, String method, boolean isPublic, long bundleId, String module) {
    }

    private record Present(Class<?> type, long bundleId) {
    }

    private final BundleContext context;
    private final ServiceTracker<Object, Present> resources;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    /** When each module's absence was last logged ({@link System#nanoTime()}). */
    private final Map<String, Long> lastReported = new ConcurrentHashMap<>();
    private final SynchronousBundleListener uninstalls = event -> {
        if (event.getType() == BundleEvent.UNINSTALLED) {
            known.values().removeIf(k -> k.bundleId() == event.getBundle().getBundleId());
        }
    };

    @Activate
    public ResourceDirectory(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        resources = new ServiceTracker<>(context, context.createFilter(RESOURCE_FILTER), null) {
            @Override
            public Present addingService(ServiceReference<Object> reference) {
                Bundle bundle = reference.getBundle();
                Class<?> type = resourceClass(reference);
                if (bundle == null || type == null) {
                    return null;
                }
                String module = bundle.getSymbolicName();
                for (Endpoint endpoint : OpenApiBuilder.endpoints(type)) {
                    known.put(endpoint.method() + " " + endpoint.template(),
                            new Known(endpoint.template(), pattern(endpoint.template()), endpoint.method(),
                                    endpoint.isPublic(), bundle.getBundleId(), module));
                }
                return new Present(type, bundle.getBundleId());
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Present present) {
                // its operations stay known until the bundle is uninstalled; nothing was got to unget
            }
        };
        context.addBundleListener(uninstalls);
        resources.open();
    }

    @Deactivate
    void close() {
        resources.close();
        context.removeBundleListener(uninstalls);
    }

    /** Classes of the resources registered now. */
    List<Class<?>> resourceClasses() {
        List<Class<?>> types = new ArrayList<>();
        resources.getTracked().values().forEach(p -> types.add(p.type()));
        return types;
    }

    /**
     * The methods served at {@code path} (a request path, {@code /api/v1/...}) by the resources
     * registered now, as an {@code Allow} value; null when none matches. The JAX-RS runtime's own
     * 405 lists every method of every resource sharing a root.
     */
    String allowedMethods(String path) {
        if (path == null) {
            return null;
        }
        Set<Long> present = resources.getTracked().values().stream().map(Present::bundleId)
                .collect(Collectors.toSet());
        Set<String> methods = new TreeSet<>();
        for (Known k : known.values()) {
            if (present.contains(k.bundleId()) && k.pattern().matcher(path).matches()) {
                methods.add(k.method().toUpperCase(Locale.ROOT));
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    /** The module (bundle symbolic name) that serves or served {@code path}, or null for a path nobody knows. */
    String moduleOf(String path) {
        if (path == null) {
            return null;
        }
        for (Known k : known.values()) {
            if (k.pattern().matcher(path).matches()) {
                return k.module();
            }
        }
        return null;
    }

    /**
     * Whether an anonymous {@code method} request to {@code path} must authenticate before it is
     * told anything else (a wrong method or media type): the operation is not public, or, for a
     * method the path does not serve, some operation at the path is not.
     */
    boolean requiresAuthentication(String path, String method) {
        boolean anyPrivate = false;
        for (Known k : known.values()) {
            if (path != null && k.pattern().matcher(path).matches()) {
                if (k.method().equalsIgnoreCase(method)) {
                    return !k.isPublic();
                }
                anyPrivate |= !k.isPublic();
            }
        }
        return anyPrivate;
    }

    /**
     * Logs that {@code module}'s paths answer 503: once per absence, not once per request. A
     * swap under load alternates old and new answers for a moment, so "once" is at most once a
     * minute per module.
     */
    void reportAway(String module) {
        long now = System.nanoTime();
        Long last = lastReported.get(module);
        if ((last == null || now - last > REPORT_INTERVAL_NANOS)
                && (last == null ? lastReported.putIfAbsent(module, now) == null
                        : lastReported.replace(module, last, now))) {
            LOG.warn("{} is not serving (stopped, restarting or being updated): its paths answer 503 with "
                    + "Retry-After until it is back", module);
        }
    }

    /** Whether {@code path} is an instance of the OpenAPI path {@code template} ({@code {id}} = one segment). */
    static boolean matches(String template, String path) {
        return pattern(template).matcher(path).matches();
    }

    private static Pattern pattern(String template) {
        return Pattern.compile(Arrays.stream(template.split("\\{[^}/]+}", -1)).map(Pattern::quote)
                .collect(Collectors.joining("[^/]+")));
    }

    /** Loads the class the resource is registered under, without activating its component. */
    private static Class<?> resourceClass(ServiceReference<?> reference) {
        String[] objectClass = (String[]) reference.getProperty("objectClass");
        try {
            return reference.getBundle() == null ? null : reference.getBundle().loadClass(objectClass[0]);
        } catch (ClassNotFoundException | IllegalStateException e) {
            LOG.debug("Resource class {} not loadable", objectClass[0], e);
            return null;
        }
    }
}
