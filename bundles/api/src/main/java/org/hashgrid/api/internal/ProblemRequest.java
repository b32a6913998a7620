package org.hashgrid.api.internal;

import javax.ws.rs.core.Request;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/**
 * What a problem answer needs of the request it answers. {@code instance} is the path without
 * query (it may hold tokens or ids) cut to {@value #MAX} characters, so a problem never repeats a
 * 100 KB path back; {@code path} is the whole path, for matching it against the API's operations.
 */
record ProblemRequest(String instance, String path, String method, boolean anonymous) {
    static final int MAX = 200;

    /** A request known only by its path (no method, caller unknown: treated as signed in). */
    static ProblemRequest at(String path) {
        return new ProblemRequest(cut(path), path, null, false);
    }

    static ProblemRequest of(UriInfo uriInfo, Request request, SecurityContext security) {
        String path;
        String method;
        boolean anonymous;
        try {
            path = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
            method = request == null ? null : request.getMethod();
            anonymous = security == null || security.getUserPrincipal() == null;
        } catch (RuntimeException outsideRequest) {
            return at(null);
        }
        return new ProblemRequest(cut(path), path, method, anonymous);
    }

    private static String cut(String path) {
        return path == null || path.length() <= MAX ? path : path.substring(0, MAX) + "…";
    }
}
