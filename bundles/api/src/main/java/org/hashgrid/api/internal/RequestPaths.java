package org.hashgrid.api.internal;

import javax.ws.rs.core.UriInfo;

/**
 * The request path for a problem's {@code instance}, without query (it may hold tokens or ids),
 * and cut to {@value #MAX} characters: a problem never repeats a 100 KB path back.
 */
final class RequestPaths {
    static final int MAX = 200;

    private RequestPaths() {
    }

    static String of(UriInfo uriInfo) {
        try {
            String path = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
            return path == null || path.length() <= MAX ? path : path.substring(0, MAX) + "…";
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }
}
