package org.hashgrid.api;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * What {@link JsonMapping} accepts beyond Jackson's own strictness: text only as valid Unicode
 * without NUL (a lone surrogate would be stored as "?"), timestamps and dates only as ISO-8601
 * strings (a number would be read as seconds since 1970).
 */
final class StrictInput {
    /** The message of a text value that is refused. */
    static final String BAD_TEXT = "must be valid Unicode text without NUL characters";

    private StrictInput() {
    }

    static SimpleModule module() {
        return new SimpleModule("hashgrid-strict-input")
                .addDeserializer(String.class, new Text())
                .addDeserializer(Instant.class, new IsoString<>(Instant.class, InstantDeserializer.INSTANT))
                .addDeserializer(LocalDate.class, new IsoString<>(LocalDate.class, LocalDateDeserializer.INSTANCE));
    }

    /** Whether {@code text} holds a NUL or a surrogate without its pair. */
    static boolean isBadText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static final class Text extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && isBadText(text)) {
                throw InvalidFormatException.from(p, BAD_TEXT, text, String.class);
            }
            return text;
        }
    }

    private static final class IsoString<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final JsonDeserializer<T> iso;

        IsoString(Class<T> type, JsonDeserializer<T> iso) {
            super(type);
            this.iso = iso;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            return iso.deserialize(p, ctxt);
        }
    }
}
