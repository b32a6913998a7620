package org.hashgrid.model.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The tuple counter of archive verification, on streams framed as PostgreSQL writes them. */
class BinaryCopyTest {
    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

    @Test
    void anEmptyTableIsAHeaderAndATrailer() throws IOException {
        assertEquals(0, count(stream(0, new int[0][]), 3));
    }

    @Test
    void tuplesAreCountedWithNullsAndEmptyValues() throws IOException {
        int[][] tuples = { { 8, -1, 4 }, { 8, 0, -1 }, { 8, 12, 4 } };
        assertEquals(3, count(stream(0, tuples), 3));
    }

    @Test
    void aHeaderExtensionIsSkipped() throws IOException {
        assertEquals(1, count(stream(5, new int[][] { { 4 } }), 1));
    }

    @Test
    void aTupleOfAnotherWidthIsRefused() {
        IOException e = assertThrows(IOException.class, () -> count(stream(0, new int[][] { { 4, 4 } }), 3));
        assertTrue(e.getMessage().contains("2 fields, expected 3"), e.getMessage());
    }

    @Test
    void aTruncatedStreamIsRefused() {
        byte[] whole = stream(0, new int[][] { { 8, 8 }, { 8, 8 } });
        for (int cut : new int[] { 5, 20, whole.length - 3, whole.length - 1 }) {
            IOException e = assertThrows(IOException.class, () -> BinaryCopy
                    .countTuples(new ByteArrayInputStream(Arrays.copyOf(whole, cut)), 2));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("signature"), e.getMessage());
        }
    }

    @Test
    void dataAfterTheTrailerIsRefused() {
        byte[] whole = stream(0, new int[][] { { 8 } });
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThrows(IOException.class, () -> BinaryCopy.countTuples(new ByteArrayInputStream(longer), 1));
    }

    @Test
    void anotherFormatIsRefused() {
        byte[] text = "1\t2\n\\.\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        IOException e =
                assertThrows(IOException.class, () -> BinaryCopy.countTuples(new ByteArrayInputStream(text), 2));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void aNegativeFieldLengthOtherThanNullIsRefused() {
        assertThrows(IOException.class, () -> count(stream(0, new int[][] { { -2 } }), 1));
    }

    private static long count(byte[] stream, int fields) throws IOException {
        return BinaryCopy.countTuples(new ByteArrayInputStream(stream), fields);
    }

    /** A binary COPY stream whose tuples have fields of the given lengths (-1: NULL), filled with 7s. */
    private static byte[] stream(int extension, int[][] tuples) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(extension);
            out.write(new byte[extension]);
            for (int[] tuple : tuples) {
                out.writeShort(tuple.length);
                for (int length : tuple) {
                    out.writeInt(length);
                    byte[] value = new byte[Math.max(length, 0)];
                    Arrays.fill(value, (byte) 7);
                    out.write(value);
                }
            }
            out.writeShort(-1);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
