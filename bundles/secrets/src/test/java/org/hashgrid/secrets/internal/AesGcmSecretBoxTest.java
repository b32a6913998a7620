package org.hashgrid.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.secrets.Sealed;
import org.hashgrid.core.secrets.SecretException;
import org.hashgrid.testing.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AES-256-GCM sealing, the key file and its rotation, on real files. */
class AesGcmSecretBoxTest {
    private static final String CONTEXT = "miner_credentials:miner:42";

    @TempDir
    Path dir;

    private AesGcmSecretBox box(Path file) {
        return new AesGcmSecretBox(Configs.of(AesGcmSecretBox.Config.class, Map.of("key_file", file.toString())));
    }

    @Test
    void aSealedSecretOpensWithItsContextAndShowsNothing() {
        AesGcmSecretBox box = box(dir.resolve("k"));
        Sealed sealed = box.seal("hunter2-ü", CONTEXT);
        assertEquals(box.currentKeyId(), sealed.keyId());
        assertEquals(12 + "hunter2-ü".getBytes(StandardCharsets.UTF_8).length + 16, sealed.bytes().length);
        assertEquals("hunter2-ü", box.open(sealed, CONTEXT));
        assertFalse(new String(sealed.bytes(), StandardCharsets.ISO_8859_1).contains("hunter2"));
        assertFalse(sealed.toString().contains("hunter2"), sealed.toString());
        assertNotEquals(sealed, box.seal("hunter2-ü", CONTEXT), "a fresh nonce per value");
        assertEquals("", box.open(box.seal("", CONTEXT), CONTEXT));
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        AesGcmSecretBox box = box(dir.resolve("k"));
        Sealed sealed = box.seal("hunter2", CONTEXT);
        for (int i = 0; i < sealed.bytes().length; i++) {
            byte[] bytes = sealed.bytes();
            bytes[i] ^= 0x01;
            Sealed tampered = new Sealed(sealed.keyId(), bytes);
            assertThrows(SecretException.class, () -> box.open(tampered, CONTEXT), "byte " + i);
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed.bytes(), 20);
        assertThrows(SecretException.class, () -> box.open(new Sealed(sealed.keyId(), truncated), CONTEXT));
    }

    @Test
    void aValueCopiedToAnotherRowDoesNotOpenThere() {
        AesGcmSecretBox box = box(dir.resolve("k"));
        Sealed sealed = box.seal("hunter2", CONTEXT);
        SecretException e = assertThrows(SecretException.class,
                () -> box.open(sealed, "miner_credentials:miner:43"));
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aMissingKeyFileIsCreatedOnceOwnerOnly() throws Exception {
        Path file = dir.resolve("etc").resolve("hashgrid-secrets.key");
        AesGcmSecretBox first = box(file);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String content = Files.readString(file);
        Sealed sealed = first.seal("hunter2", CONTEXT);
        AesGcmSecretBox second = box(file);
        assertEquals(content, Files.readString(file), "an existing file is read, never replaced");
        assertEquals(first.currentKeyId(), second.currentKeyId());
        assertEquals("hunter2", second.open(sealed, CONTEXT));
        assertNotEquals(first.currentKeyId(), box(dir.resolve("other")).currentKeyId(), "every file its own key");
    }

    @Test
    void anotherInstallationsKeyCannotOpen() {
        Sealed sealed = box(dir.resolve("a")).seal("hunter2", CONTEXT);
        SecretException e = assertThrows(SecretException.class, () -> box(dir.resolve("b")).open(sealed, CONTEXT));
        assertTrue(e.getMessage().contains(sealed.keyId()), e.getMessage());
    }

    @Test
    void aBrokenKeyFileIsRefusedWithoutShowingIt() throws Exception {
        Path file = dir.resolve("broken");
        Files.writeString(file, "k1=c2hvcnQ=\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> box(file));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQ"), e.getMessage());
        Files.writeString(file, "# nothing\n");
        assertThrows(IllegalStateException.class, () -> box(file));
        Path edited = dir.resolve("edited");
        box(edited);
        Files.writeString(edited, Files.readString(edited).replaceFirst("(?m)^k[0-9a-f]+=", "kabcdef012345="));
        assertTrue(assertThrows(IllegalStateException.class, () -> box(edited)).getMessage()
                .contains("does not belong"));
    }

    @Test
    void aNewKeySealsWhileOlderValuesStillOpenUntilRetired() throws Exception {
        Path file = dir.resolve("k");
        AesGcmSecretBox box = box(file);
        String old = box.currentKeyId();
        Sealed before = box.seal("hunter2", CONTEXT);
        String added = box.addKey();
        assertEquals(List.of(old, added), box.keyIds());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(added, box.seal("x", CONTEXT).keyId());
        assertEquals("hunter2", box.open(before, CONTEXT));
        assertEquals(List.of(old, added), box(file).keyIds(), "the file holds both");
        assertEquals(List.of(old), box.retireOldKeys());
        assertThrows(SecretException.class, () -> box.open(before, CONTEXT));
        assertEquals(List.of(added), box(file).keyIds());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }
}
