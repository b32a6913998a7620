package org.hashgrid.analytics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.hashgrid.analytics.MarketDataException;
import org.hashgrid.analytics.MarketDataSource;
import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.api.JsonMapping;
import org.hashgrid.core.ConfigCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Market data from JSON HTTP APIs ({@code java.net.http}): each value at a JSON pointer of a
 * URL's answer, scaled to the stored unit and rounded to the stored decimals. Exists only while
 * its configuration does. A URL is named in messages without its query (which may hold an API key).
 */
@Component(service = MarketDataSource.class, configurationPid = HttpSourceConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = MarketDataSource.NAME + "=http")
@Designate(ocd = HttpSourceConfig.class)
public class HttpMarketSource implements MarketDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(HttpMarketSource.class);
    /** Answers larger than this are refused: a market value is a few bytes. */
    static final int MAX_BODY = 1 << 20;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = JsonMapping.newMapper();
    private final Clock clock;
    private volatile Settings settings;

    /** Where one value is read: URL (null: not configured), pointer, scale to the stored unit, stored decimals. */
    record Field(String name, URI url, JsonPointer pointer, BigDecimal scale, int decimals) {
    }

    record Settings(Field price, Field difficulty, Field hashrate, Field reward, BigDecimal fixedReward, Field fees,
            Field volume) {
        static Settings read(ConfigCheck check, HttpSourceConfig c) {
            return new Settings(field(check, "price", c::price_url, c::price_pointer, () -> "1", 2),
                    field(check, "difficulty", c::difficulty_url, c::difficulty_pointer, () -> "1", 2),
                    field(check, "hashrate", c::hashrate_url, c::hashrate_pointer, c::hashrate_scale, 3),
                    field(check, "block.reward", c::block_reward_url, c::block_reward_pointer, c::block_reward_scale,
                            8),
                    check.value("block.reward", () -> Money.decimal(c.block_reward(), BigDecimal.ZERO, null), null),
                    field(check, "fees", c::fees_url, c::fees_pointer, c::fees_scale, 8),
                    field(check, "volume", c::volume_url, c::volume_pointer, () -> "1", 2));
        }

        private static Field field(ConfigCheck check, String name, Supplier<String> url, Supplier<String> pointer,
                Supplier<String> scale, int decimals) {
            String base = check.value(name + ".url", () -> {
                String u = url.get().strip();
                if (!u.isEmpty() && !u.matches("(?i)https?://.+")) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                return u;
            }, "");
            JsonPointer at = check.value(name + ".pointer", () -> JsonPointer.compile(pointer.get().strip()),
                    JsonPointer.empty());
            BigDecimal factor = check.value(name + ".scale", () -> Money.decimal(scale.get(), BigDecimal.ZERO, null),
                    BigDecimal.ONE);
            return new Field(name, base.isEmpty() ? null : URI.create(base), at, factor, decimals);
        }
    }

    @Activate
    public HttpMarketSource(HttpSourceConfig config) {
        this(config, Clock.systemUTC());
    }

    HttpMarketSource(HttpSourceConfig config, Clock clock) {
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(HttpSourceConfig config) {
        // URLs may carry API keys: the refusal line names keys and rules, and a URL only without its query
        settings = ConfigCheck.apply(HttpSourceConfig.PID, HttpSourceConfig.class, config, settings, Settings::read,
                LOG::warn);
        if (settings.price().url() == null) {
            LOG.warn("Configuration {} has no price.url: the HTTP market source answers nothing", HttpSourceConfig.PID);
        }
    }

    @Override
    public MarketSnapshot read(Duration timeout) throws MarketDataException {
        Settings s = settings;
        if (s.price().url() == null) {
            throw new MarketDataException("the HTTP source has no price.url");
        }
        Map<URI, JsonNode> answers = new HashMap<>();
        BigDecimal reward = value(s.reward(), answers, timeout);
        return new MarketSnapshot(clock.instant(), value(s.price(), answers, timeout),
                value(s.hashrate(), answers, timeout), value(s.difficulty(), answers, timeout),
                reward != null ? reward : s.fixedReward(), value(s.fees(), answers, timeout),
                value(s.volume(), answers, timeout));
    }

    private BigDecimal value(Field field, Map<URI, JsonNode> answers, Duration timeout) throws MarketDataException {
        if (field.url() == null) {
            return null;
        }
        JsonNode answer = answers.get(field.url());
        if (answer == null) {
            answer = fetch(field.url(), timeout);
            answers.put(field.url(), answer);
        }
        JsonNode node = answer.at(field.pointer());
        BigDecimal raw;
        if (node.isNumber()) {
            raw = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                raw = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw new MarketDataException(
                        field.name() + ": " + shown(field.url()) + " has text that is not a number "
                                + "at " + field.pointer());
            }
        } else {
            throw new MarketDataException(field.name() + ": " + shown(field.url()) + " has no number at "
                    + field.pointer());
        }
        return raw.multiply(field.scale()).setScale(field.decimals(), RoundingMode.HALF_EVEN);
    }

    private JsonNode fetch(URI url, Duration timeout) throws MarketDataException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new MarketDataException(shown(url) + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new MarketDataException(shown(url) + " answered more than " + MAX_BODY + " bytes");
                }
                return json.readTree(bytes);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MarketDataException(shown(url) + " did not answer JSON");
        } catch (IOException e) {
            throw new MarketDataException(shown(url) + " could not be read: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MarketDataException(shown(url) + ": interrupted", e);
        }
    }

    /** The URL without credentials, query and fragment. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
