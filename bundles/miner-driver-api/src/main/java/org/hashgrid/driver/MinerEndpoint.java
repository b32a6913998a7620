package org.hashgrid.driver;

import java.util.Objects;

/**
 * Where a miner's API listens: a host name or IP literal and a TCP port. IPv6 literals are given
 * without brackets.
 */
public record MinerEndpoint(String host, int port) {

    public MinerEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253 || !host.chars().allMatch(MinerEndpoint::isHostChar)) {
            throw new IllegalArgumentException("not a host name or IP address: '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    private static boolean isHostChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':'
                || c == '_' || c == '%';
    }

    /** @return {@code host:port}, with IPv6 literals in brackets */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
