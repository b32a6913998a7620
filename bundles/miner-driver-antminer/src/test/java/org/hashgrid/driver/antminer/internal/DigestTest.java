package org.hashgrid.driver.antminer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashgrid.driver.MinerCredentials;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final MinerCredentials MUFASA = new MinerCredentials("Mufasa", "Circle Of Life");

    @Test
    void answersTheRfc2617Example() {
        Digest.Challenge challenge = Digest.Challenge
                .parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .orElseThrow();
        String header = challenge.authorize(MUFASA, "GET", "/dir/index.html", "0a4f113b");
        assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
        assertTrue(header.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""), header);
        assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
        assertFalse(header.contains("Circle Of Life"), "the password never travels");
    }

    @Test
    void answersTheRfc7616Sha256Example() {
        Digest.Challenge challenge =
                Digest.Challenge.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                        + "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                        + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").orElseThrow();
        // RFC 7616 writes the password with a lower-case "of"
        String header = challenge.authorize(new MinerCredentials("Mufasa", "Circle of Life"), "GET",
                "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertTrue(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
                header);
    }

    @Test
    void eachUseTakesTheNextNonceCount() {
        Digest.Challenge challenge = Digest.Challenge
                .parse("Digest realm=\"antMiner Configuration\", nonce=\"abc\", qop=\"auth\"").orElseThrow();
        assertTrue(challenge.authorize(MUFASA, "GET", "/", "x").contains("nc=00000001"));
        assertTrue(challenge.authorize(MUFASA, "GET", "/", "x").contains("nc=00000002"));
    }

    @Test
    void understandsStaleQuotedCommasAndTheRfc2069Form() {
        Digest.Challenge challenge = Digest.Challenge
                .parse("digest realm=\"a, \\\"b\\\"\",nonce=n1, stale=TRUE, algorithm=MD5").orElseThrow();
        assertEquals("a, \"b\"", challenge.realm());
        assertEquals("n1", challenge.nonce());
        assertTrue(challenge.stale());
        assertFalse(challenge.qopAuth());
        String header = challenge.authorize(MUFASA, "GET", "/x", "c");
        assertFalse(header.contains("qop="), header);
        assertTrue(header.contains("realm=\"a, \\\"b\\\"\""), header);
    }

    @Test
    void refusesWhatItCannotAnswer() {
        assertTrue(Digest.Challenge.parse(null).isEmpty());
        assertTrue(Digest.Challenge.parse("Basic realm=\"antMiner Configuration\"").isEmpty());
        assertTrue(Digest.Challenge.parse("Digest realm=\"r\"").isEmpty(), "no nonce");
        assertTrue(Digest.Challenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256").isEmpty());
        assertTrue(Digest.Challenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"").isEmpty());
    }
}
