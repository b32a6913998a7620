package org.hashgrid.driver.luxos.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverCapability;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ProbeResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What LuxOS adds to a CGMiner reading: the curtail mode, the active profile's watts and the
 * measured power from {@code config}, {@code profiles} and {@code power} [ASICRS-lux-json]
 * [LUXDOCS-profileset]; and the probe from {@code version} (which spoofs the stock fields and names
 * {@code LUXminer}) [LUXDOCS-version].
 */
public final class LuxosReading {

    static final String FIRMWARE_NAME = "LuxOS";
    private static final List<String> EXTRAS = List.of("config", "power", "profiles");
    private static final List<String> IDENTITY = List.of("version", "config");

    private final LuxosClient client;

    public LuxosReading(LuxosClient client) {
        this.client = client;
    }

    /** Adds LuxOS's values to the reading the CGMiner driver took. */
    public CompletableFuture<MinerReading> complete(MinerEndpoint endpoint, CompletionStage<MinerReading> base,
            Deadline deadline) {
        return base.toCompletableFuture().thenCompose(reading -> client.fetch(endpoint, EXTRAS, deadline)
                .thenApply(replies -> merge(reading, replies)));
    }

    public CompletableFuture<ProbeResult> probe(MinerEndpoint endpoint, String driverId,
            Set<DriverCapability> capabilities, Deadline deadline) {
        return client.fetch(endpoint, IDENTITY, deadline).thenApply(replies -> {
            JsonNode version = replies.get("version");
            JsonNode record = LuxosReplies.first(version, "VERSION");
            Optional<String> luxminer = text(record, "LUXminer").or(() -> LuxosReplies.luxminerVersion(version));
            if (luxminer.isEmpty()) {
                throw new CompletionException(LuxosReplies.notLuxos("version", version));
            }
            JsonNode config = LuxosReplies.first(replies.get("config"), "CONFIG");
            return new ProbeResult(driverId, text(record, "Type"), Optional.of(FIRMWARE_NAME + " " + luxminer.get()),
                    text(config, "SerialNumber"), capabilities);
        });
    }

    /** @return each profile's name and watts from a {@code profiles} reply */
    static Map<String, Long> profileWatts(JsonNode profilesReply) {
        Map<String, Long> watts = new LinkedHashMap<>();
        for (JsonNode profile : profilesReply.path("PROFILES")) {
            JsonNode value = profile.path("Watts");
            if (profile.hasNonNull("Profile Name") && value.isNumber()) {
                watts.put(profile.path("Profile Name").asText(), value.asLong());
            }
        }
        return watts;
    }

    private static MinerReading merge(MinerReading r, Map<String, JsonNode> replies) {
        JsonNode configReply = replies.get("config");
        Optional<String> version = LuxosReplies.luxminerVersion(configReply);
        if (version.isEmpty()) {
            throw new CompletionException(LuxosReplies.notLuxos("config", configReply));
        }
        JsonNode config = LuxosReplies.first(configReply, "CONFIG");
        Optional<MinerMode> mode = text(config, "CurtailMode")
                .map(curtail -> curtail.equalsIgnoreCase("none") ? MinerMode.NORMAL : MinerMode.SLEEP);
        MinerReading.Builder merged = r.toBuilder().firmwareName(FIRMWARE_NAME).firmwareVersion(version.get());
        if (r.firmware().isEmpty()) {
            merged.firmware("LUXminer " + version.get());
        }
        text(config, "Profile").map(profileWatts(replies.get("profiles"))::get).ifPresent(merged::powerLimitW);
        JsonNode measured = LuxosReplies.first(replies.get("power"), "POWER").path("Watts");
        if (LuxosReplies.ok(replies.get("power")) && measured.isNumber() && measured.asDouble() >= 0) {
            merged.powerW(measured.asDouble());
        }
        text(config, "MACAddr").map(m -> m.toUpperCase(Locale.ROOT)).ifPresent(merged::macAddress);
        mode.ifPresent(merged::mode);
        return merged.build();
    }

    private static Optional<String> text(JsonNode record, String key) {
        JsonNode value = record.path(key);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }

}
