package org.hashgrid.tools.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bitmain stock firmware's web interface: lighttpd with HTTP Digest authentication (MD5,
 * {@code qop=auth}, realm {@code antMiner Configuration}) in front of the CGI scripts under
 * {@code /cgi-bin/}. The S19/S21 build has work modes ({@code set_miner_conf.cgi} honours
 * {@code miner-mode}, ignores {@code bitmain-work-mode}, keeps the mode on values its flavour does
 * not accept, and restarts cgminer when the mode changes); the S9 build (legacy) has none.
 * Facts and their sources: {@code shared/reference/firmware-control.md} §1.
 */
final class AntminerWebApi extends HttpApi {

    static final String REALM = "antMiner Configuration";
    private static final String CGI = "/cgi-bin/";
    private static final String SUCCESS = "{\"stats\":\"success\",\"code\":\"M000\",\"msg\":\"OK!\"}";
    private static final String ILLEGAL = "{\"stats\":\"error\",\"code\":\"M001\",\"msg\":\"Illegal request!\"}";
    private static final double GHS_PER_THS = 1000;

    private final boolean legacy;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<SimulatedMiner, AntminerWeb> webs = new ConcurrentHashMap<>();
    private final Random random = new Random();

    AntminerWebApi(boolean legacy) {
        this.legacy = legacy;
    }

    AntminerWeb web(SimulatedMiner miner) {
        return webs.computeIfAbsent(miner, AntminerWeb::new);
    }

    @Override
    long replyDelayNanos(SimulatedMiner miner) {
        AntminerWeb web = web(miner);
        return web.lastRanCgi ? web.replyDelay().toNanos() : 0;
    }

    @Override
    Response handle(SimulatedMiner miner, Request request) {
        AntminerWeb web = web(miner);
        web.lastRanCgi = false;
        Response response = authenticated(web, request);
        if (response == null) {
            web.lastRanCgi = true;
            response = cgi(web, request);
        }
        web.received(request.method() + " " + request.path() + " " + (response == null ? "-" : response.status()));
        return response;
    }

    /** @return a 401 unless the request carries a valid Digest response for the miner's account */
    private Response authenticated(AntminerWeb web, Request request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return challenge(web, false);
        }
        Map<String, String> p = parameters(authorization.substring(7));
        SimulatedMiner miner = web.miner();
        String nonce = p.getOrDefault("nonce", "");
        Boolean fresh = web.nonceState(nonce);
        String uri = request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        if (fresh == null || !REALM.equals(p.get("realm")) || !uri.equals(p.get("uri"))
                || !"auth".equals(p.get("qop")) || p.get("nc") == null || p.get("cnonce") == null) {
            return challenge(web, false);
        }
        String ha1 = md5(p.getOrDefault("username", "") + ":" + REALM + ":" + miner.password());
        String ha2 = md5(request.method() + ":" + uri);
        String expected = md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        if (!miner.username().equals(p.get("username")) || !expected.equals(p.get("response"))) {
            web.failedLogin();
            return challenge(web, false);
        }
        return fresh ? null : challenge(web, true);
    }

    private Response challenge(AntminerWeb web, boolean stale) {
        byte[] bytes = new byte[16];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        String nonce = HexFormat.of().formatHex(bytes);
        web.issued(nonce);
        return Response.of(401, "Unauthorized", "text/html",
                "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<html><head><title>401 - Unauthorized</title></head>"
                        + "<body><h1>401 - Unauthorized</h1></body></html>\n")
                .with("WWW-Authenticate", "Digest realm=\"" + REALM + "\", charset=\"UTF-8\", algorithm=MD5, nonce=\""
                        + nonce + "\", qop=\"auth\"" + (stale ? ", stale=true" : ""));
    }

    private Response cgi(AntminerWeb web, Request request) {
        String name = request.path().startsWith(CGI) ? request.path().substring(CGI.length()) : "";
        return switch (name) {
            case "get_system_info.cgi" -> Response.json(systemInfo(web.miner()));
            case "get_miner_conf.cgi" -> Response.json(minerConf(web));
            case "set_miner_conf.cgi" -> setMinerConf(web, request);
            case "stats.cgi" -> legacy ? notFound() : Response.json(stats(web));
            case "reboot.cgi" -> reboot(web);
            default -> notFound();
        };
    }

    private static Response notFound() {
        return Response.of(404, "Not Found", "text/html", "<html><body><h1>404 - Not Found</h1></body></html>\n");
    }

    private String systemInfo(SimulatedMiner miner) {
        ObjectNode info = mapper.createObjectNode().put("minertype", miner.model().displayName())
                .put("nettype", "DHCP").put("netdevice", "eth0").put("macaddr", macAddress(miner))
                .put("hostname", "Antminer").put("ipaddress", miner.address().getAddress().getHostAddress())
                .put("netmask", "255.255.255.0").put("gateway", "").put("dnsservers", "")
                .put("system_mode", "GNU/Linux")
                .put("system_kernel_version", legacy ? "Linux 3.14.0-xilinx-ge8a2f71-dirty #82 SMP PREEMPT"
                        : "Linux 4.9.113 #1 SMP PREEMPT Thu Oct 9 18:55:45 CST 2025")
                .put("system_filesystem_version", filesystemVersion(miner.model()))
                .put("firmware_type", "Release").put("serinum", serialNumber(miner));
        return info.toString();
    }

    /** @return a locally administered MAC derived from the miner's index */
    static String macAddress(SimulatedMiner miner) {
        int i = miner.index();
        return String.format("02:48:47:%02X:%02X:%02X", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
    }

    static String serialNumber(SimulatedMiner miner) {
        return String.format("HGSIM%02d%08d", miner.model().ordinal(), miner.index());
    }

    private static String filesystemVersion(MinerModel model) {
        return switch (model) {
            case ANTMINER_S21 -> "FR-1.12(251009-S21)";
            case ANTMINER_S9 -> "Fri Nov 17 17:37:49 CST 2017";
            default -> "Fri Aug 20 16:18:52 CST 2021";
        };
    }

    /** @return the miner's kept configuration, first filled with the factory defaults; use it holding the web's lock */
    private Map<String, Object> conf(AntminerWeb web) {
        Map<String, Object> conf = web.conf();
        if (conf.isEmpty()) {
            defaults(web.miner(), conf);
        }
        return conf;
    }

    private String minerConf(AntminerWeb web) {
        ObjectNode conf = mapper.createObjectNode();
        synchronized (web) {
            conf(web).forEach((key, value) -> conf.set(key, mapper.valueToTree(value)));
        }
        if (web.hasWorkModes()) {
            // read as a string; written as the integer miner-mode (reference §1.2, §1.3)
            conf.put("bitmain-work-mode", Integer.toString(web.workMode()));
        }
        return conf.toString();
    }

    private void defaults(SimulatedMiner miner, Map<String, Object> conf) {
        conf.put("pools", List.of(pool("stratum+tcp://pool-a.example:3333", miner.poolUser()),
                pool("stratum+tcp://pool-b.example:3333", miner.poolUser()), pool("", "")));
        if (legacy) {
            conf.put("api-listen", true);
            conf.put("api-network", true);
            conf.put("api-groups", "A:stats:pools:devs:summary:version");
            conf.put("api-allow", "A:0/0,W:*");
            conf.put("bitmain-use-vil", true);
            conf.put("bitmain-freq", "550");
            conf.put("bitmain-voltage", "0706");
        }
        conf.put("bitmain-fan-ctrl", false);
        conf.put("bitmain-fan-pwm", "100");
        if (!legacy) {
            conf.put("bitmain-freq-level", "100");
            if (miner.model() == MinerModel.ANTMINER_S21) {
                conf.put("bitmain-hashrate-percent", "100");
            }
        }
    }

    private static Map<String, String> pool(String url, String user) {
        Map<String, String> pool = new HashMap<>();
        pool.put("url", url);
        pool.put("user", user);
        pool.put("pass", url.isEmpty() ? "" : "x");
        return pool;
    }

    private Response setMinerConf(AntminerWeb web, Request request) {
        web.posted(request.bodyText());
        if (legacy) {
            // the S9 script takes positional form fields and has no work mode (reference §1.7)
            return Response.text(200, "OK", "ok\n");
        }
        JsonNode body;
        try {
            body = mapper.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return Response.json(ILLEGAL);
        }
        synchronized (web) {
            Map<String, Object> conf = conf(web);
            JsonNode pools = body.get("pools");
            if (pools != null && pools.isArray()) {
                conf.put("pools", mapper.convertValue(pools, List.class));
            }
            JsonNode fanCtrl = body.get("bitmain-fan-ctrl");
            if (fanCtrl != null && fanCtrl.isBoolean()) {
                conf.put("bitmain-fan-ctrl", fanCtrl.booleanValue());
            }
            copyText(body, "bitmain-fan-pwm", conf, "bitmain-fan-pwm");
            copyText(body, "freq-level", conf, "bitmain-freq-level");
            copyText(body, "bitmain-hashrate-percent", conf, "bitmain-hashrate-percent");
        }
        // only the integer miner-mode counts; bitmain-work-mode is ignored, unknown values keep the mode
        JsonNode mode = body.get("miner-mode");
        if (mode != null && mode.isIntegralNumber() && web.acceptedModes().contains(mode.intValue())
                && mode.intValue() != web.workMode()) {
            web.setWorkMode(mode.intValue());
            web.miner().refuseFor(web.restartWindow(), false);
        }
        return Response.json(SUCCESS);
    }

    private static void copyText(JsonNode body, String field, Map<String, Object> conf, String key) {
        JsonNode value = body.get(field);
        if (value != null && (value.isTextual() || value.isNumber())) {
            conf.put(key, value.asText());
        }
    }

    private String stats(AntminerWeb web) {
        SimulatedMiner miner = web.miner();
        MinerSnapshot s = miner.snapshot();
        ObjectNode root = mapper.createObjectNode();
        root.putObject("STATUS").put("STATUS", "S").put("when", s.when()).put("Msg", "stats").put("api_version",
                "1.0.0");
        root.putObject("INFO").put("miner_version", "uart_trans.1.3")
                .put("CompileTime", filesystemVersion(miner.model())).put("type", miner.model().displayName());
        ObjectNode stats = root.putArray("STATS").addObject().put("elapsed", s.elapsedSeconds())
                .put("rate_5s", s.totalThs() * GHS_PER_THS).put("rate_avg", s.averageThs() * GHS_PER_THS)
                .put("rate_30m", s.averageThs() * GHS_PER_THS)
                .put("rate_ideal", miner.model().nominalThs() * GHS_PER_THS).put("rate_unit", "GH/s")
                .put("chain_num", s.boardThs().length).put("fan_num", s.fanRpm().length);
        ArrayNode fans = stats.putArray("fan");
        for (int rpm : s.fanRpm()) {
            fans.add(rpm);
        }
        stats.put("hwp_total", 0.0).put("miner-mode", web.workMode()).put("freq-level", 100);
        ArrayNode chains = stats.putArray("chain");
        for (int b = 0; b < s.boardThs().length; b++) {
            long pcb = Math.round(s.boardTempC()[b]);
            long chip = Math.round(s.chipTempC()[b]);
            ObjectNode chain = chains.addObject().put("index", b).put("freq_avg", 485)
                    .put("rate_ideal", miner.model().nominalThs() * GHS_PER_THS / s.boardThs().length)
                    .put("rate_real", s.boardThs()[b] * GHS_PER_THS).put("asic_num", 114);
            chain.putArray("temp_pcb").add(pcb - 4).add(pcb - 2).add(pcb).add(pcb - 1);
            chain.putArray("temp_chip").add(chip - 6).add(chip - 3).add(chip).add(chip - 2);
            chain.put("hw", s.hardwareErrors() / s.boardThs().length).put("eeprom_loaded", true).put("sn",
                    serialNumber(miner) + "B" + b);
        }
        return root.toString();
    }

    /** Reboots: the connection drops without a reply and both ports refuse until the controller is back. */
    private Response reboot(AntminerWeb web) {
        SimulatedMiner miner = web.miner();
        web.rebooted();
        miner.restart();
        if (web.hasWorkModes() && web.workMode() == AntminerWeb.SLEEP) {
            // sleep lives in cgminer.conf and survives the reboot, which also ends IGNORES_SLEEP (§1.4)
            miner.setAllBoardsEnabled(false);
        }
        miner.refuseFor(web.restartWindow(), true);
        return null;
    }

    /** Parses Digest parameters: {@code key=value} or {@code key="quoted, value"}, comma separated. */
    static Map<String, String> parameters(String text) {
        Map<String, String> result = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String key = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                for (i++; i < n && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                i++;
            } else {
                for (; i < n && text.charAt(i) != ','; i++) {
                    value.append(text.charAt(i));
                }
            }
            result.put(key, value.toString().trim());
        }
        return result;
    }

    static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
