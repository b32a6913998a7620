package org.hashgrid.api.internal;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.hashgrid.api.RestApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** Maps everything a resource throws to problem+json. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("hashgrid.problems")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {
    @Context
    UriInfo uriInfo;

    /** Knows which methods each path serves, for the Allow header of a 405. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile OpenApiResource openApi;

    @Override
    public Response toResponse(Throwable thrown) {
        return ProblemResponses.toResponse(thrown, RequestPaths.of(uriInfo), openApi);
    }
}
