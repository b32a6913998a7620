package org.hashgrid.identity.internal.jaas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.junit.jupiter.api.Test;

/** Client addresses as Karaf's SSH server, Web Console and JMX connector report them. */
class ConsoleClientTest {

    @Test
    void thePortIsDroppedFromEveryForm() {
        assertEquals("10.0.0.7", ConsoleClient.host("/10.0.0.7:51234"));
        assertEquals("10.0.0.7", ConsoleClient.host("gateway.example.com/10.0.0.7:51234"));
        assertEquals("10.0.0.7", ConsoleClient.host("10.0.0.7:51234"));
        assertEquals("0:0:0:0:0:0:0:1", ConsoleClient.host("/[0:0:0:0:0:0:0:1]:51234"));
        assertEquals("0:0:0:0:0:0:0:1", ConsoleClient.host("0:0:0:0:0:0:0:1:51234"));
        assertEquals("workstation", ConsoleClient.host("workstation:51234"));
    }

    @Test
    void bareAddressesStayWhole() {
        assertEquals("10.0.0.7", ConsoleClient.host("10.0.0.7"));
        assertEquals("::1", ConsoleClient.host("::1"));
        assertEquals("fe80::1", ConsoleClient.host("fe80::1"));
    }

    @Test
    void withoutAnAddressTheConsoleIsRecorded() {
        assertEquals("console", ConsoleClient.address(new Subject()));
        assertEquals("console", ConsoleClient.address(null));
        assertEquals("console", ConsoleClient.host("/"));
        Subject ssh = new Subject();
        ssh.getPrincipals().add(new ClientPrincipal("ssh", "/192.168.1.20:40000"));
        assertEquals("192.168.1.20", ConsoleClient.address(ssh));
    }
}
