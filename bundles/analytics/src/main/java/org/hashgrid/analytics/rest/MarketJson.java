package org.hashgrid.analytics.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.analytics.internal.MarketRow;
import org.hashgrid.api.JsonMapping;
import org.hashgrid.core.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A JSON array of {@link MarketPoint}s, read with the API's strict mapping. The import endpoint
 * takes JSON and CSV on one operation, so it reads its body itself; errors name the element and
 * field as {@code [3].btc_price}.
 */
final class MarketJson {
    private static final ObjectReader READER = JsonMapping.newMapper().readerForListOf(MarketPoint.class);

    /** The platform body reader's words for a missing body, so every endpoint answers alike. */
    private static final String BODY_REQUIRED = "A JSON request body is required";

    private MarketJson() {
    }

    /** Jackson's "No content to map due to end-of-input": an empty or blank body. */
    private static boolean isBlankInput(MismatchedInputException e) {
        return e.getMessage() != null && e.getMessage().startsWith("No content to map");
    }

    static List<MarketRow> read(InputStream body) {
        List<MarketPoint> points;
        try {
            points = READER.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalidField(path(e), "is not a known field");
        } catch (JsonMappingException e) {
            if (e instanceof MismatchedInputException mismatch && isBlankInput(mismatch)) {
                throw ProblemException.badRequest(BODY_REQUIRED);
            }
            if (e.getPath().isEmpty()) {
                throw ProblemException.badRequest("The body must be a JSON array of market snapshots");
            }
            throw ProblemException.invalidField(path(e), "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(e.getLocation() == null ? "Malformed JSON"
                    : "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        } catch (IOException e) {
            // e.g. the body outgrew the size limit: the problem mapping finds the cause and answers 413
            throw new UncheckedIOException(e);
        }
        if (points == null) {
            // a JSON null is no body, answered as the platform's body reader answers it elsewhere
            throw ProblemException.badRequest(BODY_REQUIRED);
        }
        List<MarketRow> rows = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i) == null) {
                throw ProblemException.invalidField("[" + i + "]", "must be an object");
            }
            rows.add(new MarketRow("[" + i + "].", points.get(i).snapshot()));
        }
        return rows;
    }

    /** {@code [3].btc_price} from Jackson's reference path. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
