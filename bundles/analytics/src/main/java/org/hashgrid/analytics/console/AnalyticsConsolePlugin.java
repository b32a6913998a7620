package org.hashgrid.analytics.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.hashgrid.analytics.internal.ChartService;
import org.hashgrid.analytics.internal.KpiCache;
import org.hashgrid.analytics.internal.Kpis;
import org.hashgrid.analytics.internal.TimeRange;
import org.hashgrid.analytics.internal.Xml;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The analytics page of the Felix Web Console ({@code /system/console/hashgrid-analytics}): the
 * cached KPIs of each site, the price and hashprice charts and one site's hashrate and power,
 * as inline SVG. A plain servlet with the Web Console's plugin properties, so that the bundle
 * needs no Web Console API; without the Web Console installed it is simply never shown.
 */
@Component(service = Servlet.class, property = { "felix.webconsole.label=" + AnalyticsConsolePlugin.LABEL,
    "felix.webconsole.title=Hashgrid analytics", "felix.webconsole.category=Hashgrid" })
public class AnalyticsConsolePlugin extends HttpServlet {
    static final String LABEL = "hashgrid-analytics";
    private static final long serialVersionUID = 1L;

    private final transient ChartService charts;
    private final transient KpiCache kpis;

    @Activate
    public AnalyticsConsolePlugin(@Reference ChartService charts, @Reference KpiCache kpis) {
        this.charts = charts;
        this.kpis = kpis;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int days = days(request.getParameter("days"));
        String site = request.getParameter("site");
        TimeRange range = new TimeRange(Instant.now().minus(Duration.ofDays(days)), Instant.now());
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<div class=\"ui-widget\"><form method=\"get\">Days <input name=\"days\" size=\"4\" value=\"" + days
                + "\"/> <input type=\"submit\" value=\"Show\"/></form>");
        Kpis current = kpis.current();
        if (current == null) {
            out.println("<p>The KPIs are being computed.</p>");
        } else {
            out.println("<h3>KPIs (computed " + current.ageSeconds() + " s ago)</h3>");
            out.println("<table class=\"nicetable\"><thead><tr><th>Site</th><th>Miners</th><th>Online</th>"
                    + "<th>Hashrate TH/s</th><th>Efficiency J/TH</th><th>Uptime % (24 h)</th><th>Energy MWh (24 h)</th>"
                    + "<th>Revenue USD/day</th><th>Curtailed MWh (24 h)</th><th></th></tr></thead><tbody>");
            row(out, "Fleet", null, current.fleet(), days);
            current.sites().forEach(s -> row(out, s.name() == null ? "#" + s.siteId() : s.name(), s.siteId(),
                    s.kpis(), days));
            out.println("</tbody></table>");
        }
        out.println("<h3>Price</h3>" + charts.price(range));
        out.println("<h3>Hashprice</h3>" + charts.hashprice(range));
        if (site != null) {
            try {
                out.println("<h3>Site</h3>" + charts.site(Long.parseLong(site), range));
            } catch (NumberFormatException | ProblemException e) {
                out.println("<p>No site " + Xml.escape(site) + ".</p>");
            }
        }
        out.println("</div>");
    }

    private static void row(PrintWriter out, String name, Long site, Kpis.Figures f, int days) {
        out.println("<tr><td>" + Xml.escape(name) + "</td><td>" + f.miners() + "</td><td>" + f.minersOnline()
                + "</td><td>"
                + text(f.hashrate()) + "</td><td>" + text(f.efficiency()) + "</td><td>" + text(f.uptimePercent())
                + "</td><td>" + text(f.energyMwhPerDay()) + "</td><td>" + text(f.revenueUsdPerDay()) + "</td><td>"
                + text(f.curtailedMwh()) + "</td><td>"
                + (site == null ? "" : "<a href=\"" + LABEL + "?days=" + days + "&amp;site=" + site + "\">chart</a>")
                + "</td></tr>");
    }

    private static int days(String value) {
        try {
            int days = value == null ? 30 : Integer.parseInt(value);
            return Math.max(1, Math.min(366, days));
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    private static String text(Object value) {
        return value == null ? "–" : Xml.escape(value.toString());
    }
}
