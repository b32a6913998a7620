package org.hashgrid.api.internal;

import javax.ws.rs.core.UriInfo;

/** The request path for a problem's {@code instance}, without query (it may hold tokens or ids). */
final class RequestPaths {
    private RequestPaths() {
    }

    static String of(UriInfo uriInfo) {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }
}
