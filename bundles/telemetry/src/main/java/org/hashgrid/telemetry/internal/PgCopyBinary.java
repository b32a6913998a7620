package org.hashgrid.telemetry.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes rows in PostgreSQL's binary {@code COPY} format (the "Binary Format" section of the
 * {@code COPY} reference): a signature and header, then per row a 16-bit field count and each
 * field as a 32-bit length (-1 for NULL) followed by the type's binary send format, then a
 * trailer. Only the types the telemetry table uses. Binary saves the server parsing text.
 */
final class PgCopyBinary {
    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };
    /** PostgreSQL's timestamp epoch, 2000-01-01T00:00:00Z, in microseconds after the Unix epoch. */
    private static final long PG_EPOCH_MICROS = LocalDateTime.of(2000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)
            * 1_000_000L;
    private static final int FLOAT4_OID = 700;
    private static final int INT4_OID = 23;
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final long[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000 };

    private final Buffer out = new Buffer(1 << 16);

    PgCopyBinary() {
        out.write(SIGNATURE, 0, SIGNATURE.length);
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    PgCopyBinary row(int fields) {
        int16(fields);
        return this;
    }

    PgCopyBinary nullValue() {
        int32(-1);
        return this;
    }

    PgCopyBinary int8(long value) {
        int32(8);
        int64(value);
        return this;
    }

    PgCopyBinary int4(Integer value) {
        if (value == null) {
            return nullValue();
        }
        int32(4);
        int32(value);
        return this;
    }

    PgCopyBinary int2(int value) {
        int32(2);
        int16(value);
        return this;
    }

    PgCopyBinary timestamptz(Instant value) {
        int32(8);
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
        int64(micros - PG_EPOCH_MICROS);
        return this;
    }

    /**
     * A {@code numeric} of {@code scale} decimals (0–4) from {@code value}, rounded half up as
     * PostgreSQL rounds text input into a {@code numeric(p, scale)} column.
     */
    PgCopyBinary numeric(Double value, int scale) {
        if (value == null) {
            return nullValue();
        }
        if (scale < 0 || scale > 4) {
            throw new IllegalArgumentException("scale 0-4 only: " + scale);
        }
        long unscaled = Math.round(Math.abs(value) * POWERS_OF_TEN[scale]);
        int sign = value < 0 && unscaled != 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE;
        long whole = unscaled / POWERS_OF_TEN[scale];
        // the fraction as one base-10000 digit: scale <= 4 decimals fit in it
        int fraction = (int) (unscaled % POWERS_OF_TEN[scale] * POWERS_OF_TEN[4 - scale]);
        short[] digits = new short[6];
        int count = 0;
        for (long w = whole; w > 0; w /= 10_000) {
            count++;
        }
        int weight = count - 1;
        for (int i = count - 1; i >= 0; i--) {
            digits[i] = (short) (whole % 10_000);
            whole /= 10_000;
        }
        if (fraction != 0) {
            digits[count++] = (short) fraction;
        }
        while (count > 0 && digits[count - 1] == 0) {
            count--; // trailing zero digits are implied by the weight
        }
        if (count == 0) {
            weight = 0;
        }
        int32(8 + 2 * count);
        int16(count);
        int16(weight);
        int16(sign);
        int16(scale);
        for (int i = 0; i < count; i++) {
            int16(digits[i]);
        }
        return this;
    }

    PgCopyBinary float4Array(float[] values) {
        if (values == null) {
            return nullValue();
        }
        arrayHeader(values.length, FLOAT4_OID);
        for (float v : values) {
            int32(4);
            int32(Float.floatToIntBits(v));
        }
        return this;
    }

    PgCopyBinary int4Array(int[] values) {
        if (values == null) {
            return nullValue();
        }
        arrayHeader(values.length, INT4_OID);
        for (int v : values) {
            int32(4);
            int32(v);
        }
        return this;
    }

    PgCopyBinary text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** The finished stream, trailer included; the writer cannot be used after. */
    byte[] finish() {
        int16(-1);
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private void arrayHeader(int length, int elementOid) {
        int32(20 + 8 * length);
        int32(1); // dimensions
        int32(0); // no NULL elements
        int32(elementOid);
        int32(length);
        int32(1); // lower bound
    }

    private void int16(int v) {
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    private void int32(int v) {
        out.write((v >>> 24) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    private void int64(long v) {
        int32((int) (v >>> 32));
        int32((int) v);
    }

    /** Unsynchronized, unlike ByteArrayOutputStream's write methods. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }
    }
}
