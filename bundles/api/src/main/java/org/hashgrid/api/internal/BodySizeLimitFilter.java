package org.hashgrid.api.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.hashgrid.api.RestApi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Refuses request bodies over the configured size with 413: at once when
 * {@code Content-Length} says so, and while reading when a chunked body grows past it.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = "org.hashgrid.api.limits")
@Designate(ocd = BodySizeLimitFilter.Config.class)
@JaxrsExtension
@JaxrsName("hashgrid.body-size-limit")
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@PreMatching
public class BodySizeLimitFilter implements ContainerRequestFilter {

    @ObjectClassDefinition(name = "Hashgrid REST limits")
    public @interface Config {
        @AttributeDefinition(name = "Maximum request body (bytes)", min = "1")
        long max_body_bytes() default 1024 * 1024;
    }

    private final long limit;

    @Activate
    public BodySizeLimitFilter(Config config) {
        this.limit = config.max_body_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
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
