package org.hashgrid.hosting.rest;

import java.util.Optional;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hashgrid.core.Caller;
import org.hashgrid.hosting.internal.IdempotencyKeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a POST under its {@code Idempotency-Key}, when it has one: a retry gets the first answer
 * again (status, {@code Location}, body) with {@code Idempotent-Replayed: true}.
 */
final class IdempotentCall {
    static final String HEADER = "Idempotency-Key";

    /** The work of a request, which may fail with the problems its resource answers. */
    interface Work {
        Response run() throws InterruptedException;
    }

    private IdempotentCall() {
    }

    static Response run(IdempotencyKeys keys, ObjectMapper json, Caller caller, String key, String request, Work work)
            throws InterruptedException {
        if (key == null) {
            return work.run();
        }
        Optional<IdempotencyKeys.Answer> first = keys.claim(caller.userId(), key, request);
        if (first.isPresent()) {
            IdempotencyKeys.Answer answer = first.get();
            return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body())
                    .header("Location", answer.location()).header("Idempotent-Replayed", "true").build();
        }
        boolean done = false;
        try {
            Response response = work.run();
            String location = response.getLocation() == null ? null : response.getLocation().toString();
            keys.complete(caller.userId(), key,
                    new IdempotencyKeys.Answer(response.getStatus(), location,
                            json.writeValueAsString(response.getEntity())));
            done = true;
            return response;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer could not be kept for its Idempotency-Key", e);
        } finally {
            if (!done) {
                keys.release(caller.userId(), key);
            }
        }
    }
}
