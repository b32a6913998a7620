package org.hashgrid.api.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.api.RestApi;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Reads and writes JSON bodies with the API's {@link JsonMapping}, and turns every kind of bad
 * JSON into a 400 problem that names the offending field.
 */
@Component(service = { MessageBodyReader.class, MessageBodyWriter.class })
@JaxrsExtension
@JaxrsName("hashgrid.json")
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(RestApi.APPLICATION_SELECT)
@Consumes({ MediaType.APPLICATION_JSON, "application/*+json" })
@Produces({ MediaType.APPLICATION_JSON, "application/*+json" })
public class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    static final String BODY_REQUIRED = "A JSON request body is required";
    /** Jackson's report of a key given twice (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");
    private final ObjectMapper mapper = JsonMapping.newMapper();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && handles(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && handles(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        Object body;
        try {
            body = mapper.readerFor(mapper.constructType(genericType)).readValue(entityStream);
        } catch (BodyTooLargeException e) {
            throw e.toProblem();
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalidField(fieldPath(e), "is not a known field");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw ProblemException.badRequest(cause instanceof IllegalArgumentException
                    ? cause.getMessage() : "The request body cannot be turned into the expected object");
        } catch (InvalidFormatException e) {
            // a value of the right JSON type that is still refused, e.g. text with NUL
            throw ProblemException.invalidField(fieldPath(e), e.getTargetType() == String.class
                    ? e.getOriginalMessage() : "must be " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw ProblemException.badRequest(e.getMessage() != null && e.getMessage().startsWith("No content")
                        ? BODY_REQUIRED
                        : "The request body must be " + describe(e.getTargetType()) + " in JSON");
            }
            throw ProblemException.invalidField(fieldPath(e), "must be " + describe(e.getTargetType()));
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest("The JSON body exceeds the allowed nesting, string or number size");
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.matches()) {
                throw ProblemException.invalidField(duplicate.group(1), "appears more than once");
            }
            JsonLocation at = e.getLocation();
            throw ProblemException.badRequest(at == null ? "Malformed JSON"
                    : "Malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        // Every operation that declares a body needs one: a JSON null is refused here, once for all.
        if (body == null) {
            throw ProblemException.badRequest(BODY_REQUIRED);
        }
        return body;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        mapper.writerFor(mapper.constructType(genericType)).writeValue(entityStream, value);
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType != null && ("json".equalsIgnoreCase(mediaType.getSubtype())
                || mediaType.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Raw bodies (streams, bytes, text) keep their own providers. */
    private static boolean handles(Class<?> type) {
        return !(InputStream.class.isAssignableFrom(type) || Reader.class.isAssignableFrom(type)
                || StreamingOutput.class.isAssignableFrom(type) || type == byte[].class || type == String.class);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 " + (type.getSimpleName().equals("LocalDate") ? "date (YYYY-MM-DD)" : "timestamp");
        }
        return "an object";
    }
}
