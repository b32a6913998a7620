package org.hashgrid.api.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.hashgrid.api.RestApi;
import org.hashgrid.core.ConfigCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses request bodies over the configured size with 413: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past it.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = BodySizeLimitFilter.PID)
@Designate(ocd = BodySizeLimitFilter.Config.class)
@JaxrsExtension
@JaxrsName("hashgrid.body-size-limit")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@PreMatching
public class BodySizeLimitFilter implements ContainerRequestFilter {
    static final String PID = "org.hashgrid.api.limits";
    private static final Logger LOG = LoggerFactory.getLogger(BodySizeLimitFilter.class);

    @ObjectClassDefinition(name = "Hashgrid REST limits")
    public @interface Config {
        @AttributeDefinition(name = "Maximum request body (bytes)", min = "1")
        long max_body_bytes() default 1024 * 1024;
    }

    private volatile Long limit;

    @Activate
    public BodySizeLimitFilter(Config config) {
        modified(config);
    }

    /** A changed limit applies to the requests that arrive from now on. */
    @Modified
    void modified(Config config) {
        limit = ConfigCheck.apply(PID, Config.class, config, limit,
                (check, c) -> check.atLeast("max.body.bytes", c::max_body_bytes, 1), LOG::warn);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = this.limit;
        if (request.getLength() > limit) {
            throw new BodyTooLargeException(limit).toProblem();
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
