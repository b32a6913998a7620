package org.hashgrid.core;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A CIDR block such as {@code 10.0.0.0/24} or {@code fd00::/8}. Parsing never resolves names:
 * only IP literals are accepted.
 *
 * @param network      the first address of the block
 * @param prefixLength the number of fixed leading bits
 */
public record IpRange(InetAddress network, int prefixLength) {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses {@code a.b.c.d/n}, {@code v6::/n}, or a single address (a /32 or /128 block). */
    public static IpRange parse(String cidr) {
        if (cidr == null) {
            throw new IllegalArgumentException("CIDR is required");
        }
        String text = cidr.strip();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Texts.quote(cidr) + " has no valid prefix length");
        }
        // ::ffff:a.b.c.d is an IPv4 address (Java reads it as one), so its /96–/128 prefix counts
        // from the IPv4 part: discovery and registration then treat it alike
        boolean mapped = slash >= 0 && bits == 32 && text.substring(0, slash).contains(":");
        if (mapped) {
            if (prefix < 96 || prefix > 128) {
                throw new IllegalArgumentException(Texts.quote(cidr) + " prefix must be between 96 and 128");
            }
            prefix -= 96;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(Texts.quote(cidr) + " prefix must be between 0 and " + bits);
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(prefix).not();
        BigInteger network = new BigInteger(1, address.getAddress()).and(mask);
        return new IpRange(toAddress(network, bits / 8), prefix);
    }

    /** Parses an IP literal; names are refused, never looked up. */
    public static InetAddress literal(String text) {
        boolean v4 = text.chars().filter(c -> c == '.').count() == 3 && !text.contains(":");
        if (!LITERAL.matcher(text).matches() || !(v4 || text.contains(":"))) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not an IP address");
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException(Texts.quote(text) + " is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not an IP address");
        }
    }

    /** Whether {@code text} is an IP literal {@link #literal} accepts; names are never looked up. */
    public static boolean isLiteral(String text) {
        try {
            literal(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.getAddress().length) {
            return false;
        }
        int bits = bytes.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefixLength).not();
        return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network.getAddress()));
    }

    /** Number of addresses in the block. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefixLength);
    }

    /** The {@code index}-th address of the block, counting from the network address. */
    public InetAddress address(BigInteger index) {
        if (index.signum() < 0 || index.compareTo(size()) >= 0) {
            throw new IndexOutOfBoundsException(index + " outside " + this);
        }
        int length = network.getAddress().length;
        return toAddress(new BigInteger(1, network.getAddress()).add(index), length);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
