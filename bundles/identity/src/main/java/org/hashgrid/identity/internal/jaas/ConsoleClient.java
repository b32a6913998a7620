package org.hashgrid.identity.internal.jaas;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.hashgrid.core.IpRange;

/**
 * The client address of a console login, for the login records and the per-address throttle.
 * Karaf names the client in a {@link ClientPrincipal}: {@code /10.0.0.7:51234} for SSH,
 * {@code 10.0.0.7:51234} for the Web Console, a bare host for JMX; the port is dropped, or
 * every connection would count as a new address.
 */
final class ConsoleClient {
    /** Recorded when the login came without an address (for example a direct JAAS call). */
    static final String UNKNOWN = "console";

    private ConsoleClient() {
    }

    static String address(Subject subject) {
        return subject == null ? UNKNOWN
                : subject.getPrincipals(ClientPrincipal.class).stream().map(ClientPrincipal::getAddress)
                        .map(ConsoleClient::host).findFirst().orElse(UNKNOWN);
    }

    static String host(String address) {
        String text = address == null ? "" : address.substring(address.lastIndexOf('/') + 1).strip();
        if (text.startsWith("[") && text.indexOf(']') > 1) {
            text = text.substring(1, text.indexOf(']'));
        } else if (!IpRange.isLiteral(text) && text.lastIndexOf(':') > 0) {
            text = text.substring(0, text.lastIndexOf(':'));
        }
        return text.isEmpty() ? UNKNOWN : text;
    }
}
