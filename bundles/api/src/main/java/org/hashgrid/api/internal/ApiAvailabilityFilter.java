package org.hashgrid.api.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import javax.ws.rs.core.Response;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.api.RestApi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Guards {@value RestApi#BASE_PATH} at the servlet level, for the moments the JAX-RS runtime
 * cannot answer itself: while the whiteboard rebuilds the application after a module came or
 * went, requests meet no servlet, a servlet with no endpoint ("No service was found") or one
 * half built (a {@code NullPointerException} inside CXF). Whatever such a moment produces — an
 * error sent by the container, an error status the application did not answer, an exception — is
 * replaced: 503 with {@code Retry-After} for a path some module serves (the module is starting,
 * stopping or being updated), the container's status as problem+json otherwise. Answers the
 * application gave itself pass untouched.
 *
 * <p>It sits in the application's servlet context and in the default one, which takes
 * {@value RestApi#BASE_PATH} while the application's context is away.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterAsyncSupported
@HttpWhiteboardContextSelect("(|(" + ApiAvailabilityFilter.APPLICATION_CONTEXT
        + ")(osgi.http.whiteboard.context.name=default))")
public class ApiAvailabilityFilter implements Filter {
    /** The whiteboard gives each JAX-RS application a servlet context carrying the application's name. */
    static final String APPLICATION_CONTEXT = "osgi.jaxrs.name=" + RestApi.APPLICATION_NAME;
    /**
     * Request attribute set by {@link ResponseHeadersFilter} on every answer of the application
     * (JAX-RS request properties are the servlet request's attributes).
     */
    static final String ANSWERED = "org.hashgrid.api.answered";
    private static final Logger LOG = LoggerFactory.getLogger(ApiAvailabilityFilter.class);
    private static final ObjectMapper JSON = JsonMapping.newMapper();

    private final ResourceDirectory directory;

    @Activate
    public ApiAvailabilityFilter(@Reference ResourceDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up: the directory comes by injection
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        if (path == null || !(path.equals(RestApi.BASE_PATH) || path.startsWith(RestApi.BASE_PATH + "/"))) {
            chain.doFilter(req, res);
            return;
        }
        GuardedResponse guarded = new GuardedResponse(request, response);
        try {
            chain.doFilter(request, guarded);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            LOG.debug("The JAX-RS runtime failed on {} while it was not ready", path, failure);
            guarded.intercept(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        if (!guarded.intercepted() && !request.isAsyncStarted()) {
            guarded.checkUnansweredError();
        }
        if (guarded.intercepted() && !response.isCommitted()) {
            replace(response, path, guarded.status());
        }
    }

    private void replace(HttpServletResponse response, String path, int status) throws IOException {
        String module = directory.moduleOf(path);
        Response problem;
        if (module != null && (status == 404 || status >= 500)) {
            directory.reportAway(module);
            problem = ProblemResponses.unavailable(ProblemRequest.at(path).instance());
        } else if (status >= 500) {
            problem = ProblemResponses.unavailable(ProblemRequest.at(path).instance());
        } else {
            problem = ProblemResponses.forStatus(status, ProblemRequest.at(path).instance());
        }
        byte[] body = JSON.writeValueAsBytes(problem.getEntity());
        response.reset();
        response.setStatus(problem.getStatus());
        for (Map.Entry<String, List<Object>> header : problem.getHeaders().entrySet()) {
            for (Object value : header.getValue()) {
                response.addHeader(header.getKey(), String.valueOf(value));
            }
        }
        response.setContentType(RestApi.PROBLEM_JSON);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Passes the application's answers through; swallows what the container says on its own (an
     * error it sends, or an error status the application's response filter never saw) and
     * remembers the status, so that the filter answers instead.
     */
    private static final class GuardedResponse extends HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private int status;
        private boolean intercepted;

        GuardedResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        boolean intercepted() {
            return intercepted;
        }

        int status() {
            return status;
        }

        void intercept(int code) {
            intercepted = true;
            status = code;
        }

        /** An error status set with nothing written (the container's 404 without a body). */
        void checkUnansweredError() {
            if (isContainerError()) {
                intercept(getStatus());
            }
        }

        private boolean isContainerError() {
            return getStatus() >= 400 && request.getAttribute(ANSWERED) == null;
        }

        @Override
        public void sendError(int code) {
            intercept(code);
        }

        @Override
        public void sendError(int code, String message) {
            intercept(code);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (intercepted || isContainerError()) {
                intercept(intercepted ? status : getStatus());
                return DISCARD;
            }
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (intercepted || isContainerError()) {
                intercept(intercepted ? status : getStatus());
                return new PrintWriter(Writer.nullWriter());
            }
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!intercepted && !isContainerError()) {
                super.flushBuffer();
            }
        }
    }

    private static final ServletOutputStream DISCARD = new ServletOutputStream() {
        private final OutputStream sink = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes never block
        }
    };
}
