package org.hashgrid.model.persistence;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the framing of a PostgreSQL binary {@code COPY} stream (signature, flags, header
 * extension, then per tuple an int16 field count and per field an int32 length, -1 for NULL,
 * and an int16 -1 trailer) without decoding values: enough to prove an archive holds whole
 * tuples of the expected width, and how many.
 */
final class BinaryCopy {
    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

    private BinaryCopy() {
    }

    /**
     * The number of tuples in {@code stream}, each of which must have {@code fields} fields.
     *
     * @throws IOException when the stream is not a complete binary COPY stream of that width
     */
    static long countTuples(InputStream stream, int fields) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] signature = in.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw new IOException("Not a PostgreSQL binary COPY stream (bad signature)");
            }
            in.readInt(); // flags: bit 16 (OIDs) is never set by COPY of a query
            int extension = in.readInt();
            if (extension < 0) {
                throw new IOException("Negative header extension length " + extension);
            }
            in.skipNBytes(extension);
            long tuples = 0;
            for (short count = in.readShort(); count != -1; count = in.readShort()) {
                if (count != fields) {
                    throw new IOException("Tuple " + (tuples + 1) + " has " + count + " fields, expected " + fields);
                }
                for (int f = 0; f < count; f++) {
                    int length = in.readInt();
                    if (length < -1) {
                        throw new IOException("Tuple " + (tuples + 1) + " has a field of length " + length);
                    }
                    if (length > 0) {
                        in.skipNBytes(length);
                    }
                }
                tuples++;
            }
            if (in.read() != -1) {
                throw new IOException("Data after the trailer of the COPY stream");
            }
            return tuples;
        } catch (EOFException e) {
            throw new IOException("The COPY stream is truncated", e);
        }
    }
}
