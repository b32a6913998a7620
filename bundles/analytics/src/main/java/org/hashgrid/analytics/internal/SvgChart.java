package org.hashgrid.analytics.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time chart as SVG text: stacked panels sharing the time axis, each with lines (gaps where a
 * value is missing), shaded bands and horizontal guides. Plain text with every caller-given string
 * escaped, rather than a Graphics2D library: the charts need lines, bands and labels only, and the
 * platform then carries no AWT.
 */
final class SvgChart {
    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 40;
    private static final int BOTTOM = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A line; {@code NaN} values leave a gap. */
    record Line(String label, String color, double[] values, boolean dashed) {
    }

    /** A shaded area between two lines. */
    record Band(String color, double[] lower, double[] upper) {
    }

    /** One panel: its title (with unit), height, lines, bands, guides; fixed y bounds when not null. */
    record Panel(String title, int height, List<Line> lines, List<Band> bands, List<Double> guides, Double min,
            Double max) {
    }

    private SvgChart() {
    }

    static String render(String title, List<Instant> times, List<Panel> panels) {
        int height = TOP + BOTTOM + panels.stream().mapToInt(Panel::height).sum() + GAP * (panels.size() - 1);
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.append("<title>").append(Xml.escape(title)).append("</title>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(Xml.escape(title)).append("</text>");
        if (times.isEmpty()) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(height / 2)
                    .append("\" text-anchor=\"middle\">No data in this range</text></svg>");
            return svg.toString();
        }
        long t0 = times.get(0).getEpochSecond();
        long t1 = Math.max(t0 + 1, times.get(times.size() - 1).getEpochSecond());
        double[] x = new double[times.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = LEFT + (times.get(i).getEpochSecond() - t0) * (double) (WIDTH - LEFT - RIGHT) / (t1 - t0);
        }
        boolean[] gap = gaps(times);
        int top = TOP;
        for (Panel panel : panels) {
            panel(svg, panel, x, gap, top);
            top += panel.height() + GAP;
        }
        int axis = top - GAP;
        for (int i = 0; i <= 4; i++) {
            double px = LEFT + i * (WIDTH - LEFT - RIGHT) / 4.0;
            svg.append("<text x=\"").append(fmt(px)).append("\" y=\"").append(axis + 16)
                    .append("\" text-anchor=\"middle\">")
                    .append(DAY.format(Instant.ofEpochSecond(t0 + (long) ((t1 - t0) * i / 4.0)))).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Where the series has a gap: a step over 1.5 times the median step (a missed poll, a missing
     * hour) is not drawn across.
     */
    private static boolean[] gaps(List<Instant> times) {
        boolean[] gap = new boolean[times.size()];
        if (times.size() < 3) {
            return gap;
        }
        long[] steps = new long[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            steps[i - 1] = times.get(i).getEpochSecond() - times.get(i - 1).getEpochSecond();
        }
        long[] sorted = steps.clone();
        java.util.Arrays.sort(sorted);
        double limit = 1.5 * sorted[sorted.length / 2];
        for (int i = 1; i < gap.length; i++) {
            gap[i] = steps[i - 1] > limit;
        }
        return gap;
    }

    private static void panel(StringBuilder svg, Panel panel, double[] x, boolean[] gap, int top) {
        double lo = panel.min() != null ? panel.min() : Double.POSITIVE_INFINITY;
        double hi = panel.max() != null ? panel.max() : Double.NEGATIVE_INFINITY;
        List<double[]> all = new ArrayList<>();
        panel.lines().forEach(l -> all.add(l.values()));
        panel.bands().forEach(b -> {
            all.add(b.lower());
            all.add(b.upper());
        });
        for (double[] values : all) {
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    lo = panel.min() != null ? lo : Math.min(lo, v);
                    hi = panel.max() != null ? hi : Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        double min = lo;
        double span = hi - lo;
        int h = panel.height();
        java.util.function.DoubleUnaryOperator y = v -> top + h - (v - min) * h / span;
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(h)
                .append("\" fill=\"none\" stroke=\"#cccccc\"/>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(top - 6).append("\">")
                .append(Xml.escape(panel.title())).append("</text>");
        for (int i = 0; i <= 4; i++) {
            double v = lo + span * i / 4;
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y.applyAsDouble(v) + 4))
                    .append("\" text-anchor=\"end\">").append(label(v, span)).append("</text>");
        }
        for (Band band : panel.bands()) {
            for (int[] run : runs(band.lower(), band.upper(), gap)) {
                StringBuilder points = new StringBuilder();
                for (int i = run[0]; i < run[1]; i++) {
                    points.append(fmt(x[i])).append(',').append(fmt(y.applyAsDouble(band.upper()[i]))).append(' ');
                }
                for (int i = run[1] - 1; i >= run[0]; i--) {
                    points.append(fmt(x[i])).append(',').append(fmt(y.applyAsDouble(band.lower()[i]))).append(' ');
                }
                svg.append("<polygon fill=\"").append(Xml.escape(band.color()))
                        .append("\" fill-opacity=\"0.2\" points=\"")
                        .append(points.toString().strip()).append("\"/>");
            }
        }
        for (double guide : panel.guides()) {
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(fmt(y.applyAsDouble(guide))).append("\" y2=\"").append(fmt(y.applyAsDouble(guide)))
                    .append("\" stroke=\"#999999\" stroke-dasharray=\"2,3\"/>");
        }
        int legend = LEFT + 200;
        for (Line line : panel.lines()) {
            StringBuilder path = new StringBuilder();
            for (int[] run : runs(line.values(), line.values(), gap)) {
                for (int i = run[0]; i < run[1]; i++) {
                    path.append(i == run[0] ? 'M' : 'L').append(fmt(x[i])).append(',')
                            .append(fmt(y.applyAsDouble(line.values()[i])));
                }
            }
            svg.append("<path fill=\"none\" stroke=\"").append(Xml.escape(line.color()))
                    .append("\" stroke-width=\"1.5\"")
                    .append(line.dashed() ? " stroke-dasharray=\"5,3\"" : "").append(" d=\"").append(path)
                    .append("\"/>");
            svg.append("<text x=\"").append(legend).append("\" y=\"").append(top - 6).append("\" fill=\"")
                    .append(Xml.escape(line.color())).append("\">").append(Xml.escape(line.label())).append("</text>");
            legend += 12 + 7 * line.label().length();
        }
    }

    /** Index ranges [from, to) where both series have values, split at gaps in time. */
    private static List<int[]> runs(double[] a, double[] b, boolean[] gap) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= a.length; i++) {
            boolean present = i < a.length && !Double.isNaN(a[i]) && !Double.isNaN(b[i]);
            if (start >= 0 && (!present || gap[i])) {
                runs.add(new int[] { start, i });
                start = -1;
            }
            if (present && start < 0) {
                start = i;
            }
        }
        return runs;
    }

    private static String label(double v, double span) {
        return span >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
