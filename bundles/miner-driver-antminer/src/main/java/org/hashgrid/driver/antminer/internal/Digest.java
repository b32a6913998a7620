package org.hashgrid.driver.antminer.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.hashgrid.driver.MinerCredentials;

/**
 * HTTP Digest access authentication (RFC 7616, compatible with RFC 2617 and 2069) as Bitmain's
 * lighttpd asks for it: MD5 with {@code qop=auth} [FOREMAN-am] [STOCKDOC]. The JDK's HTTP client
 * has no Digest support, and the platform carries no HTTP library, so the driver answers
 * challenges itself. SHA-256 and the {@code -sess} variants are understood as well.
 *
 * <p>One challenge (a server nonce) answers many requests: each use takes the next nonce count,
 * which saves the unauthenticated round trip on every request after the first.
 */
public final class Digest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A server's challenge from a {@code WWW-Authenticate: Digest …} header.
     *
     * @param realm     the protection space, {@code antMiner Configuration} on stock firmware
     * @param nonce     the server nonce
     * @param opaque    echoed back unchanged, when given
     * @param algorithm {@code MD5}, {@code MD5-sess}, {@code SHA-256} or {@code SHA-256-sess}
     * @param qopAuth   whether the server offers {@code qop=auth} (else the RFC 2069 form is used)
     * @param stale     whether the server refused only because the previous nonce expired
     */
    public record Challenge(String realm, String nonce, Optional<String> opaque, String algorithm, boolean qopAuth,
            boolean stale, AtomicInteger nonceCount) {

        /**
         * @return the challenge in the header value, or empty when it is not a Digest challenge
         *         this client can answer (no nonce, an unknown algorithm, only {@code auth-int})
         */
        public static Optional<Challenge> parse(String header) {
            if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
                return Optional.empty();
            }
            Map<String, String> p = parameters(header.substring(7));
            String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
            String qop = p.get("qop");
            boolean qopAuth = qop != null && qop.toLowerCase(Locale.ROOT).matches("(.*,\\s*)?auth(\\s*,.*)?");
            if (p.get("nonce") == null || p.get("realm") == null || hashName(algorithm) == null
                    || qop != null && !qopAuth) {
                return Optional.empty();
            }
            return Optional.of(new Challenge(p.get("realm"), p.get("nonce"), Optional.ofNullable(p.get("opaque")),
                    algorithm, qopAuth, "true".equalsIgnoreCase(p.get("stale")), new AtomicInteger()));
        }

        /**
         * @return the {@code Authorization} header value answering this challenge for one request;
         *         it proves knowledge of the password without containing it, and must still never
         *         be logged
         */
        public String authorize(MinerCredentials credentials, String method, String uri) {
            return authorize(credentials, method, uri, cnonce());
        }

        String authorize(MinerCredentials credentials, String method, String uri, String cnonce) {
            String hash = hashName(algorithm);
            String nc = String.format("%08x", nonceCount.incrementAndGet());
            String ha1 = hex(hash, credentials.username() + ":" + realm + ":" + credentials.password());
            if (algorithm.endsWith("-SESS")) {
                ha1 = hex(hash, ha1 + ":" + nonce + ":" + cnonce);
            }
            String ha2 = hex(hash, method + ":" + uri);
            String response = qopAuth ? hex(hash, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                    : hex(hash, ha1 + ":" + nonce + ":" + ha2);
            StringBuilder header = new StringBuilder(256).append("Digest username=\"")
                    .append(quote(credentials.username())).append("\", realm=\"").append(quote(realm))
                    .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                    .append("\", algorithm=").append(algorithm).append(", response=\"").append(response).append('"');
            opaque.ifPresent(value -> header.append(", opaque=\"").append(quote(value)).append('"'));
            if (qopAuth) {
                header.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
            }
            return header.toString();
        }
    }

    private Digest() {
    }

    /** Splits {@code key=token, key="quoted \"string\", with commas"} into a map with lower-case keys. */
    static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = text.substring(i, equals).replace(",", " ").trim().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    value.append(c == '\\' && i < text.length() ? text.charAt(i++) : c);
                }
                i++;
            } else {
                int end = text.indexOf(',', i);
                end = end < 0 ? text.length() : end;
                value.append(text, i, end);
                i = end;
            }
            parameters.put(key, value.toString().trim());
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return parameters;
    }

    private static String hashName(String algorithm) {
        return switch (algorithm) {
            case "MD5", "MD5-SESS" -> "MD5";
            case "SHA-256", "SHA-256-SESS" -> "SHA-256";
            default -> null;
        };
    }

    static String hex(String hash, String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(hash).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + hash, e);
        }
    }

    private static String cnonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
