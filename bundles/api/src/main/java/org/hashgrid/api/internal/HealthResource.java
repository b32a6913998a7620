package org.hashgrid.api.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.karaf.features.BootFinished;
import org.hashgrid.api.RestApi;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.Doc;
import org.hashgrid.core.HealthCheck;
import org.hashgrid.core.HealthContributor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/health}: 200 once Karaf has finished booting, every required contributor
 * (the database and the persistence unit by default) is present and up and every Hashgrid bundle
 * is active; else 503 with the reasons.
 */
@Component(service = HealthResource.class, configurationPid = HealthResource.PID)
@Designate(ocd = HealthResource.Config.class)
@JaxrsResource
@JaxrsName("hashgrid.health")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@JSONRequired
@Path("/health")
@Doc("Liveness and readiness of the platform")
public class HealthResource {
    static final String PID = "org.hashgrid.api.health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

    @ObjectClassDefinition(name = "Hashgrid health")
    public @interface Config {
        @AttributeDefinition(name = "Required contributors",
                description = "Health is down while one of these is absent")
        String[] required() default { "database", "persistence_unit" };
    }

    /** Document returned by the health endpoint. */
    public record Health(@Doc("UP or DOWN") String status, Map<String, HealthCheck> checks,
            @Doc("State of every Hashgrid bundle") Map<String, String> bundles) {
    }

    private final BundleContext context;
    private volatile List<String> required;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<HealthContributor> contributors = new CopyOnWriteArrayList<>();

    /** Karaf registers it once every boot feature is installed; until then bundles may still be missing. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile BootFinished bootFinished;

    @Activate
    public HealthResource(BundleContext context, Config config) {
        this.context = context;
        modified(config);
    }

    /** A changed list of required contributors applies to the next health check. */
    @Modified
    void modified(Config config) {
        required = ConfigCheck.apply(PID, Config.class, config, required,
                (check, c) -> List.of(check.value("required", c::required, new String[0])), LOG::warn);
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Doc("Database reachability, schema version and bundle states; 503 when anything is down")
    public Response health() {
        Map<String, HealthCheck> checks = new TreeMap<>();
        checks.put("boot", bootFinished != null ? HealthCheck.up(Map.of()) : HealthCheck.down("still starting"));
        for (HealthContributor contributor : contributors) {
            checks.put(contributor.name(), safeCheck(contributor));
        }
        for (String name : required) {
            checks.putIfAbsent(name, HealthCheck.down("not available"));
        }
        Map<String, String> bundles = new TreeMap<>();
        boolean bundlesActive = true;
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("org.hashgrid.")) {
                bundles.put(name, stateName(bundle.getState()));
                bundlesActive &= bundle.getState() == Bundle.ACTIVE || isFragment(bundle);
            }
        }
        boolean up = bundlesActive && checks.values().stream().allMatch(HealthCheck::up);
        Health health = new Health(up ? "UP" : "DOWN", checks, bundles);
        return Response.status(up ? 200 : 503).entity(health).build();
    }

    private static HealthCheck safeCheck(HealthContributor contributor) {
        try {
            return contributor.check();
        } catch (RuntimeException e) {
            return HealthCheck.down(e.getClass().getSimpleName());
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get("Fragment-Host") != null;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
