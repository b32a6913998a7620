package org.hashgrid.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void parsesAndNormalisesBlocks() {
        IpRange range = IpRange.parse("10.0.0.77/24");
        assertEquals("10.0.0.0/24", range.toString());
        assertEquals(BigInteger.valueOf(256), range.size());
        assertTrue(range.contains(IpRange.literal("10.0.0.255")));
        assertFalse(range.contains(IpRange.literal("10.0.1.0")));
        assertEquals("127.0.0.1/32", IpRange.parse("127.0.0.1").toString());
        assertTrue(IpRange.isLiteral("fd12::1") && !IpRange.isLiteral("example.com"));
        assertEquals("10.0.0.255", range.address(BigInteger.valueOf(255)).getHostAddress());
        assertThrows(IndexOutOfBoundsException.class, () -> range.address(BigInteger.valueOf(256)));
        assertTrue(IpRange.parse("fd00::/8").contains(IpRange.literal("fd12::1")));
        assertFalse(IpRange.parse("fd00::/8").contains(IpRange.literal("10.0.0.1")));
    }

    @Test
    void refusesNamesAndNonsenseWithoutLookingThemUp() {
        for (String bad : new String[] { "example.com/24", "10.0.0.0/33", "10.0.0/24", "300.1.1.1/8", "10.0.0.0/x",
            "", "::g/64", "1.2.3.4.5" }) {
            assertThrows(IllegalArgumentException.class, () -> IpRange.parse(bad), bad);
        }
    }

    @Test
    void echoesOnlyAShortPrefixOfWhatItRefuses() {
        String huge = "9".repeat(100_000);
        String message = assertThrows(IllegalArgumentException.class, () -> IpRange.parse(huge + "/8")).getMessage();
        assertTrue(message.length() < 120, message);
        assertTrue(message.contains("(100000 characters)"), message);
        assertEquals("'10.0.0.0/x' has no valid prefix length",
                assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/x")).getMessage());
    }

    @Test
    void ipv4MappedAddressesAreTheirIpv4Address() {
        assertEquals(IpRange.parse("10.1.2.3"), IpRange.parse("::ffff:10.1.2.3"));
        assertEquals(IpRange.parse("10.1.2.0/24"), IpRange.parse("::ffff:10.1.2.0/120"));
        assertEquals(IpRange.parse("127.0.0.1/32"), IpRange.parse("::ffff:127.0.0.1/128"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("::ffff:10.1.2.0/64"));
        assertTrue(IpRange.parse("10.0.0.0/8").contains(IpRange.literal("::ffff:10.9.9.9")));
    }
}
