package org.hashgrid.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.secrets.Sealed;
import org.hashgrid.core.secrets.SecretBox;
import org.hashgrid.core.secrets.SecretException;
import org.hashgrid.core.secrets.SecretHolder;
import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation on a real PostgreSQL: every holder re-seals in one transaction, all or none. */
class SecretRotationTest extends DatabaseTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void table() throws Exception {
        executeSql("CREATE TABLE sealed_test (id int PRIMARY KEY, key_id text NOT NULL, bytes bytea NOT NULL)");
    }

    /** Values in a table of the test database, re-sealed through the unit's transactions. */
    private record TableHolder(String name, int from, int to) implements SecretHolder {
        @Override
        public int reseal(SecretBox box) {
            return tx.call(em -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, key_id, bytes FROM sealed_test WHERE id BETWEEN ?1 AND ?2 ORDER BY id FOR UPDATE")
                        .setParameter(1, from).setParameter(2, to).getResultList();
                int count = 0;
                for (Object[] row : rows) {
                    if (!row[1].equals(box.currentKeyId())) {
                        String context = "sealed_test:" + row[0];
                        Sealed again = box.seal(box.open(new Sealed((String) row[1], (byte[]) row[2]), context),
                                context);
                        em.createNativeQuery("UPDATE sealed_test SET key_id = ?1, bytes = ?2 WHERE id = ?3")
                                .setParameter(1, again.keyId()).setParameter(2, again.bytes()).setParameter(3, row[0])
                                .executeUpdate();
                        count++;
                    }
                }
                return count;
            });
        }
    }

    private static void insert(SecretBox box, int id, String secret) throws Exception {
        Sealed sealed = box.seal(secret, "sealed_test:" + id);
        executeSql("INSERT INTO sealed_test VALUES (" + id + ", '" + sealed.keyId() + "', '\\x"
                + java.util.HexFormat.of().formatHex(sealed.bytes()) + "')");
    }

    private static List<String> keyIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            ids.add(selectText("SELECT key_id FROM sealed_test WHERE id = " + id));
        }
        return ids;
    }

    @Test
    void everyValueIsResealedInOneTransactionOrNone() throws Exception {
        AesGcmSecretBox box = new AesGcmSecretBox(
                Configs.of(AesGcmSecretBox.Config.class, Map.of("key_file", dir.resolve("k").toString())));
        String first = box.currentKeyId();
        for (int id = 1; id <= 4; id++) {
            insert(box, id, "secret-" + id);
        }
        SecretRotation rotation = new SecretRotation(box, tx);
        rotation.addHolder(new TableHolder("low", 1, 2));
        rotation.addHolder(new TableHolder("high", 3, 4));

        SecretRotation.Report report = rotation.rotate(false);
        assertEquals(Map.of("low", 2, "high", 2), report.resealed());
        assertEquals(List.of(report.keyId(), report.keyId(), report.keyId(), report.keyId()), keyIds());
        assertEquals(List.of(first, report.keyId()), box.keyIds(), "older keys stay without --retire");

        executeSql("UPDATE sealed_test SET key_id = 'knope' WHERE id = 4");
        SecretHolder broken = new TableHolder("broken", 4, 4);
        rotation.addHolder(broken);
        assertThrows(SecretException.class, () -> rotation.rotate(true));
        assertEquals(List.of(report.keyId(), report.keyId(), report.keyId(), "knope"), keyIds(),
                "the holders before the broken one changed nothing");
        assertEquals(3, box.keyIds().size(), "nothing retired after a failure");
        rotation.removeHolder(broken);
        executeSql("DELETE FROM sealed_test WHERE id = 4");
        insert(box, 4, "secret-4");

        SecretRotation.Report retired = rotation.rotate(true);
        assertEquals(List.of(retired.keyId()), box.keyIds());
        assertEquals(3, retired.retired().size());
        assertEquals(Map.of("low", 2, "high", 2), retired.resealed());
        for (int id = 1; id <= 4; id++) {
            byte[] bytes = java.util.HexFormat.of()
                    .parseHex(selectText("SELECT encode(bytes, 'hex') FROM sealed_test WHERE id = " + id));
            assertEquals("secret-" + id, box.open(new Sealed(retired.keyId(), bytes), "sealed_test:" + id));
        }
    }
}
