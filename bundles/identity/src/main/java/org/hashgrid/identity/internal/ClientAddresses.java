package org.hashgrid.identity.internal;

import java.net.InetAddress;
import java.util.List;

import org.hashgrid.core.IpRange;

/**
 * The client address of a request: the direct peer, or the address a trusted proxy forwarded
 * in {@code X-Forwarded-For}. A header from anyone else is ignored, so callers cannot pick the
 * address they are throttled and recorded under.
 */
final class ClientAddresses {
    private final List<IpRange> trustedProxies;

    ClientAddresses(List<IpRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    String resolve(String peer, String forwardedFor) {
        if (peer == null || forwardedFor == null || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        // Walk from the nearest hop back; the first address not run by us is the client.
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!IpRange.isLiteral(hop)) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    private boolean trusted(String address) {
        try {
            InetAddress ip = IpRange.literal(address);
            return trustedProxies.stream().anyMatch(range -> range.contains(ip));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
