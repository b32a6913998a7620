package org.hashgrid.driver.whatsminer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * Known answers, computed independently with OpenSSL 3.0 on the build machine:
 *
 * <pre>
 * openssl passwd -1 -salt BQ5hoXV9 admin                   # $1$BQ5hoXV9$RxmaDUO33TS7O26yeMHZ81
 * openssl passwd -1 -salt jbzkfQls RxmaDUO33TS7O26yeMHZ811960  # $1$jbzkfQls$uCne4OOXX9ttNdFlUs8ik0
 * printf %s RxmaDUO33TS7O26yeMHZ81 | openssl dgst -sha256 -hex
 *     # 199e0a202039bb7b558db7a54697dca29cb278055b7e659a127fb844d5a2fbf6
 * printf %s '{"cmd":"power_off","respbefore":"true","token":"abc"}' \
 *     | openssl enc -aes-256-ecb -nosalt -K 199e0a20…d5a2fbf6 | base64 -w0   # PKCS#7 padding
 *     # p/QzYk8jszmQrR9dnOEVtXIRGg7DTmk9EUY2Z5AGabmXE9uaOgah2+aEOFK/+YqMIRepgmQWMpk+sgz1UjlYnQ==
 * printf %s 'set.miner.servicesuperuhCiDyVj1700000000' | openssl dgst -sha256 -binary | base64 | cut -c1-8
 *     # fhp2TAJF
 * </pre>
 *
 * (salt BQ5hoXV9, newsalt jbzkfQls and time 1960 are the shape of a get_token reply in the
 * Whatsminer API 2.0.5 document; the API v3 salt uhCiDyVj is from a device-info example.)
 */
class WhatsminerCryptoTest {

    private static final String KEY = "RxmaDUO33TS7O26yeMHZ81";
    private static final byte[] AES_KEY =
            HexFormat.of().parseHex("199e0a202039bb7b558db7a54697dca29cb278055b7e659a127fb844d5a2fbf6");
    private static final String COMMAND = "{\"cmd\":\"power_off\",\"respbefore\":\"true\",\"token\":\"abc\"}";
    private static final String CIPHERTEXT =
            "p/QzYk8jszmQrR9dnOEVtXIRGg7DTmk9EUY2Z5AGabmXE9uaOgah2+aEOFK/+YqMIRepgmQWMpk+sgz1UjlYnQ==";

    @Test
    void md5CryptMatchesOpenssl() {
        assertEquals(KEY, WhatsminerCrypto.md5CryptHash("admin", "BQ5hoXV9"));
        assertEquals("uCne4OOXX9ttNdFlUs8ik0", WhatsminerCrypto.md5CryptHash(KEY + "1960", "jbzkfQls"));
    }

    @Test
    void v2TokenIsKeyThenSignAndTheAesKeyIsSha256OfTheKey() {
        WhatsminerCrypto.V2Token token = WhatsminerCrypto.v2Token("admin", "1960", "BQ5hoXV9", "jbzkfQls");
        assertEquals("uCne4OOXX9ttNdFlUs8ik0", token.sign());
        assertArrayEquals(AES_KEY, token.aesKey());
    }

    @Test
    void encryptsAsOpensslDoes() {
        assertEquals(CIPHERTEXT, WhatsminerCrypto.encrypt(AES_KEY, COMMAND));
    }

    @Test
    void decryptsPkcs7AndNulPaddedReplies() throws Exception {
        assertEquals(Optional.of(COMMAND), WhatsminerCrypto.decrypt(AES_KEY, CIPHERTEXT));
        // btminer pads its replies with NULs
        byte[] plain = COMMAND.getBytes(StandardCharsets.UTF_8);
        Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(AES_KEY, "AES"));
        String nulPadded = Base64.getEncoder()
                .encodeToString(cipher.doFinal(Arrays.copyOf(plain, (plain.length + 15) / 16 * 16)));
        assertEquals(Optional.of(COMMAND), WhatsminerCrypto.decrypt(AES_KEY, nulPadded));
    }

    @Test
    void whatIsNoCiphertextDecryptsToNothing() {
        assertTrue(WhatsminerCrypto.decrypt(AES_KEY, "not base64!").isEmpty());
        assertTrue(WhatsminerCrypto.decrypt(AES_KEY, Base64.getEncoder().encodeToString(new byte[15])).isEmpty());
        assertTrue(WhatsminerCrypto.decrypt(AES_KEY, "").isEmpty());
    }

    @Test
    void v3TokenMatchesOpenssl() {
        assertEquals("fhp2TAJF", WhatsminerCrypto.v3Token("set.miner.service", "super", "uhCiDyVj", 1_700_000_000L));
    }

    @Test
    void saltsMd5CryptCannotTakeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WhatsminerCrypto.md5CryptHash("admin", "bad$salt"));
        assertThrows(IllegalArgumentException.class, () -> WhatsminerCrypto.md5CryptHash("admin", ""));
    }
}
