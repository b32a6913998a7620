package org.hashgrid.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import javax.ws.rs.core.MediaType;

import org.hashgrid.api.MergePatch;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.junit.jupiter.api.Test;

/** Bodies the JSON reader refuses, each with a 400 that names what is wrong. */
class JsonBodyProviderTest {
    /** A body type as resources declare them. */
    record Body(String name, Instant at, LocalDate day, Integer count) {
    }

    private final JsonBodyProvider provider = new JsonBodyProvider();

    @Test
    void aWellFormedBodyIsRead() throws Exception {
        Body body = (Body) read(Body.class,
                "{\"name\":\"S19 \\ud83d\\ude00\",\"at\":\"2026-11-30T12:00:00Z\",\"day\":\"2026-11-30\",\"count\":3}");
        assertEquals("S19 \ud83d\ude00", body.name());
        assertEquals(Instant.parse("2026-11-30T12:00:00Z"), body.at());
    }

    @Test
    void nullAndEmptyBodiesAreRefusedOnce() {
        for (String json : new String[] { "null", "", "  ", " null " }) {
            ProblemException refused = refused(Body.class, json);
            assertEquals("A JSON request body is required", refused.getMessage(), json);
        }
        assertEquals("A JSON request body is required", refused(MergePatch.class, "null").getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertEquals(new FieldError("name", "appears more than once"),
                refused(Body.class, "{\"name\":\"a\",\"name\":\"b\"}").errors().get(0));
        assertEquals(new FieldError("name", "appears more than once"),
                refused(MergePatch.class, "{\"name\":\"a\",\"name\":\"b\"}").errors().get(0));
    }

    @Test
    void timestampsAndDatesAreIsoStringsOnly() {
        for (String at : new String[] { "1e309", "12345", "12345.5", "true" }) {
            ProblemException refused = refused(Body.class, "{\"at\":" + at + "}");
            assertEquals("at", refused.errors().get(0).field(), at);
        }
        assertEquals("day", refused(Body.class, "{\"day\":20000}").errors().get(0).field());
        assertEquals("day", refused(Body.class, "{\"day\":[2026,11,30]}").errors().get(0).field());
    }

    @Test
    void loneSurrogatesAndNulAreRefusedInEveryTextField() {
        for (String text : new String[] { "\\ud800x", "x\\udc00", "a\\u0000b", "\\ud800" }) {
            ProblemException refused = refused(Body.class, "{\"name\":\"" + text + "\"}");
            assertEquals(new FieldError("name", "must be valid Unicode text without NUL characters"),
                    refused.errors().get(0), text);
        }
        MergePatch patch = (MergePatch) readUnchecked(MergePatch.class, "{\"name\":\"\\ud800x\"}");
        patch.apply("name", String.class, value -> {
            throw new AssertionError("a bad text must not be applied");
        });
        ProblemException refused = assertThrows(ProblemException.class, () -> patch.validation().validate());
        assertEquals(new FieldError("name", "must be valid Unicode text without NUL characters"),
                refused.errors().get(0));
    }

    private ProblemException refused(Class<?> type, String json) {
        return assertThrows(ProblemException.class, () -> read(type, json), json);
    }

    private Object readUnchecked(Class<?> type, String json) {
        try {
            return read(type, json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Object read(Class<?> type, String json) throws Exception {
        return provider.readFrom((Class) type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
