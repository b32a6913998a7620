package org.hashgrid.api.internal;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.hashgrid.api.RestApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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

    @Context
    Request request;

    @Context
    SecurityContext security;

    /** Which module serves each path, what is public, which methods a path serves. */
    @Reference
    ResourceDirectory directory;

    @Override
    public Response toResponse(Throwable thrown) {
        return ProblemResponses.toResponse(thrown, ProblemRequest.of(uriInfo, request, security), directory);
    }
}
