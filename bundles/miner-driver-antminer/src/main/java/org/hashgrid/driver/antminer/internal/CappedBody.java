package org.hashgrid.driver.antminer.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

/** Collects a response body up to a size; a larger body is abandoned as a protocol error. */
final class CappedBody implements BodySubscriber<byte[]> {

    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int max) {
        this.max = max;
    }

    static BodyHandler<byte[]> upTo(int max) {
        return info -> new CappedBody(max);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (out.size() + buffer.remaining() > max) {
                subscription.cancel();
                body.completeExceptionally(new DriverException(FailureKind.PROTOCOL_ERROR,
                        "the web interface's reply exceeds " + max + " bytes"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
