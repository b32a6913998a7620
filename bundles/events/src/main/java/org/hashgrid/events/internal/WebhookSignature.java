package org.hashgrid.events.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification (standardwebhooks.com) defines them, so that
 * receivers can verify with its libraries: HMAC-SHA256 over {@code id.timestamp.body} with the
 * key of a {@code whsec_<base64>} secret, sent as {@code webhook-signature: v1,<base64>} beside
 * {@code webhook-id} and {@code webhook-timestamp} (Unix seconds).
 */
final class WebhookSignature {
    static final String SECRET_PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    private WebhookSignature() {
    }

    /** A new random secret. */
    static String newSecret(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for {@code body} sent as message {@code id} at {@code timestamp}. */
    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
