package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hashgrid.core.ProblemException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The SVG charts are well-formed XML, escape what they show and draw what the data holds. */
class ChartServiceTest extends EconomicsFixture {
    private static ChartService charts;
    private static AnalyticsFixture analytics;

    @BeforeAll
    static void data() throws SQLException {
        analytics = new AnalyticsFixture(db.dataSource(), Map.of());
        charts = new ChartService(analytics.queries, analytics.market, analytics.prices, analytics.db);
        sites();
        analytics.market.record(callers.admin(), MarketData.rows(0, 120), false);
        java.time.Instant hour = java.time.Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int h = 1; h <= 48; h++) {
            if (h != 10) { // a gap
                executeSql("INSERT INTO site_telemetry_hourly (site_id, bucket, miners, hashrate, power) VALUES ("
                        + siteA + ", '" + hour.minus(h, ChronoUnit.HOURS) + "', 2, " + (300 + h) + ", 6450)");
            }
        }
    }

    @Test
    void priceWithBandsAndRsi() throws Exception {
        String svg = charts.price(range());
        Document doc = parse(svg);
        assertEquals(3, doc.getElementsByTagName("path").getLength(), "price, SMA, RSI");
        assertEquals(1, doc.getElementsByTagName("polygon").getLength(), "the band, without gaps");
        assertEquals(2, doc.getElementsByTagName("line").getLength(), "RSI 30 and 70");
    }

    @Test
    void hashpriceHistory() throws Exception {
        Document doc = parse(charts.hashprice(range()));
        String d = doc.getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        assertEquals(120, d.split("[ML]").length - 1, "one point per snapshot");
    }

    @Test
    void siteChartEscapesTheNameAndBreaksAtGaps() throws Exception {
        String svg = charts.site(siteA, new TimeRange(java.time.Instant.now().minus(Duration.ofDays(3)),
                java.time.Instant.now()));
        assertTrue(svg.contains("Site North &lt;&amp;&gt; site"), svg.substring(0, 300));
        assertFalse(svg.contains("<&>"));
        Document doc = parse(svg);
        String hashrate = doc.getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        assertEquals(47, hashrate.split("[ML]").length - 1);
        assertEquals(2, hashrate.split("M").length - 1, "the missing hour breaks the line");
        assertEquals(404, assertThrows(ProblemException.class, () -> charts.site(999_999, range())).status());
    }

    @Test
    void anEmptyRangeSaysSo() throws Exception {
        TimeRange before = new TimeRange(MarketData.START.minus(Duration.ofDays(3)), MarketData.START.minusSeconds(1));
        assertTrue(charts.price(before).contains("No data in this range"));
        parse(charts.site(siteB, before));
    }

    private static TimeRange range() {
        return new TimeRange(MarketData.START, MarketData.START.plus(Duration.ofDays(30)));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
