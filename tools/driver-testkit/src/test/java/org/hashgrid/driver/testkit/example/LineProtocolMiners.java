package org.hashgrid.driver.testkit.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.hashgrid.driver.MinerEndpoint;

/** The example firmware's own simulator: one healthy miner, one that never answers, one that answers garbage. */
final class LineProtocolMiners implements AutoCloseable {

    private enum Behaviour { HEALTHY, SILENT, GARBAGE }

    private final ServerSocket healthy;
    private final ServerSocket silent;
    private final ServerSocket garbage;
    private volatile boolean mining = true;

    LineProtocolMiners() throws IOException {
        healthy = serve(Behaviour.HEALTHY);
        silent = serve(Behaviour.SILENT);
        garbage = serve(Behaviour.GARBAGE);
    }

    MinerEndpoint healthy() {
        return endpoint(healthy);
    }

    MinerEndpoint silent() {
        return endpoint(silent);
    }

    MinerEndpoint garbage() {
        return endpoint(garbage);
    }

    @Override
    public void close() throws IOException {
        healthy.close();
        silent.close();
        garbage.close();
    }

    private static MinerEndpoint endpoint(ServerSocket server) {
        return new MinerEndpoint(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private ServerSocket serve(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread handler = new Thread(() -> answer(client, behaviour));
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "line-protocol-miner-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private void answer(Socket client, Behaviour behaviour) {
        try (client) {
            String request =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            OutputStream out = client.getOutputStream();
            switch (behaviour) {
                case SILENT -> client.getInputStream().read();
                case GARBAGE -> out.write(new byte[] { (byte) 0xff, 0x13, 'z', '\n' });
                case HEALTHY -> out.write((reply(request) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String reply(String request) {
        switch (String.valueOf(request)) {
            case "stop" -> {
                mining = false;
                return "ok stopped";
            }
            case "start" -> {
                mining = true;
                return "ok started";
            }
            default -> {
                return mining ? "hashrate_ths=95.5 temp_c=61.2,63.0 fans=4200,4300 power_w=3100"
                        : "hashrate_ths=0.0 temp_c=35.0,35.5 fans=1500,1500 power_w=40";
            }
        }
    }
}
