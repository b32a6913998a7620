package org.hashgrid.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for {@link EventsIT}, started in the test JVM: the platform refuses
 * webhooks to any port its own process listens on, so the receiver cannot live in the container.
 * Each request lands as a file in a folder both JVMs see: its signature headers on the first
 * three lines, then the body.
 */
final class WebhookReceiver {
    /** Kept for the life of the test JVM. */
    private static HttpServer server;

    /** One request as the receiver got it. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    private WebhookReceiver() {
    }

    /** Starts the receiver writing into {@code folder}; answers its port. Every request gets 204. */
    static synchronized int start(Path folder) throws IOException {
        Files.createDirectories(folder);
        AtomicInteger sequence = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            String headers = String.join("\n", exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), "");
            byte[] body = exchange.getRequestBody().readAllBytes();
            Path partial = folder.resolve(sequence.incrementAndGet() + ".tmp");
            Files.write(partial, (headers + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            // whole files only: the container reads the folder while requests arrive
            Files.move(partial, folder.resolve(sequence.get() + ".request"), StandardCopyOption.ATOMIC_MOVE);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** What has arrived in {@code folder} so far. */
    static List<Received> received(Path folder) {
        List<Received> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".request")).sorted().toList()) {
                String[] parts = Files.readString(file).split("\n", 4);
                requests.add(new Received(parts[0], parts[1], parts[2], parts[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }
}
