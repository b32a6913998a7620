package org.hashgrid.api.internal;

import java.util.Map;

import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.Doc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

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
    private final ResourceDirectory directory;

    @Activate
    public OpenApiResource(@Reference ResourceDirectory directory) {
        this.directory = directory;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Doc("OpenAPI 3.0 document of the endpoints present now")
    public Map<String, Object> openApi() {
        OpenApiBuilder builder = new OpenApiBuilder();
        directory.resourceClasses().forEach(builder::add);
        return builder.build();
    }
}
