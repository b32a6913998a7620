package org.hashgrid.driver.antminer.internal;

import java.util.Optional;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The configuration document of {@code set_miner_conf.cgi}, shaped as the stock browser UI sends
 * it (fans, hashrate percent, {@code miner-mode}, {@code freq-level}, three pools) and filled from
 * what {@code get_miner_conf.cgi} returned, so that a mode change keeps pools and fans as they
 * are [ASICRS-am-v2020] [FOREMAN-am] [TETHER-am] [FIELD-capture].
 *
 * <p>Only {@code miner-mode} (an integer) is written: the CGI ignores a posted
 * {@code bitmain-work-mode} [BMFW-setconf-A] [BMFW-setconf-B], so sending it would only suggest an
 * effect it does not have. The read name {@code bitmain-freq-level} is written as
 * {@code freq-level}, and only when the miner reported it: an omitted field keeps the miner's value
 * [BMFW-setconf-A], an invented one would not.
 */
final class ConfDocument {

    static final String WORK_MODE = "bitmain-work-mode";
    private static final int BROWSER_POOLS = 3;

    private ConfDocument() {
    }

    /** @return whether the configuration has a work mode: S19/S21-era builds do, S9-era builds do not [BMFW-S9] */
    static boolean hasWorkMode(JsonNode conf) {
        return conf.hasNonNull(WORK_MODE);
    }

    /** @return the configured work mode, read as a string ({@code "1"}) or a number [GO-CGI] [ASICRS-245] */
    static Optional<WorkMode> workMode(JsonNode conf) {
        return number(conf.get(WORK_MODE)).flatMap(WorkMode::of);
    }

    /** @return the integer in a JSON number or numeric string, if it is one */
    static Optional<Integer> number(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.intValue());
        }
        if (node.isTextual() && node.textValue().trim().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(node.textValue().trim()));
        }
        return Optional.empty();
    }

    /**
     * @return the body that sets {@code mode} and keeps everything else as read
     * @throws DriverException ({@link FailureKind#PROTOCOL_ERROR}) when the configuration has no
     *                         pool list: posting without one could clear the miner's pools
     */
    static String withMode(JsonNode conf, WorkMode mode) throws DriverException {
        JsonNode pools = conf.get("pools");
        if (pools == null || !pools.isArray()) {
            throw new DriverException(FailureKind.PROTOCOL_ERROR, "get_miner_conf.cgi returned no pool list; the "
                    + "driver does not post a configuration that could clear the miner's pools");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        JsonNode fanControl = conf.get("bitmain-fan-ctrl");
        if (fanControl != null && (fanControl.isBoolean() || fanControl.isTextual())) {
            body.put("bitmain-fan-ctrl", fanControl.isBoolean() ? fanControl.booleanValue()
                    : Boolean.parseBoolean(fanControl.textValue()));
        }
        copyText(conf, "bitmain-fan-pwm", body, "bitmain-fan-pwm");
        copyText(conf, "bitmain-hashrate-percent", body, "bitmain-hashrate-percent");
        body.put("miner-mode", mode.value());
        copyText(conf, "bitmain-freq-level", body, "freq-level");
        ArrayNode written = body.putArray("pools");
        for (int i = 0; i < Math.max(BROWSER_POOLS, pools.size()); i++) {
            JsonNode pool = pools.path(i);
            written.addObject().put("url", pool.path("url").asText("")).put("user", pool.path("user").asText(""))
                    .put("pass", pool.path("pass").asText(""));
        }
        return body.toString();
    }

    private static void copyText(JsonNode conf, String readName, ObjectNode body, String writeName) {
        JsonNode value = conf.get(readName);
        if (value != null && (value.isTextual() || value.isNumber())) {
            body.put(writeName, value.asText());
        }
    }
}
