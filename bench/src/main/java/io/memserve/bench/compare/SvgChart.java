package io.memserve.bench.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report, so it opens from {@code file://} with no script and no server: lines (CDFs),
 * points (latency over time) and grouped bars (hit rates). Axes start at 0 and end at a round number.
 */
final class SvgChart {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 46;
    private static final int TICKS = 5;

    record Series(String name, double[] xs, double[] ys) {
    }

    private SvgChart() {
    }

    /** Each series as a polyline ({@code lines}) or as dots. */
    static String plot(String title, String xLabel, String yLabel, List<Series> series, boolean lines) {
        double xMax = roundUp(series.stream().flatMapToDouble(s -> Arrays.stream(s.xs())).max().orElse(1));
        double yMax = roundUp(series.stream().flatMapToDouble(s -> Arrays.stream(s.ys())).max().orElse(1));
        StringBuilder svg = frame(title, xLabel, yLabel, xMax, yMax, true);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            if (lines) {
                svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"");
                for (int p = 0; p < s.xs().length; p++) {
                    svg.append(num(x(s.xs()[p], xMax))).append(',').append(num(y(s.ys()[p], yMax))).append(' ');
                }
                svg.append("\"/>\n");
            } else {
                for (int p = 0; p < s.xs().length; p++) {
                    svg.append("<circle r=\"2.5\" fill-opacity=\"0.6\" fill=\"").append(color).append("\" cx=\"")
                            .append(num(x(s.xs()[p], xMax))).append("\" cy=\"").append(num(y(s.ys()[p], yMax)))
                            .append("\"/>\n");
                }
            }
            legend(svg, i, s.name(), color);
        }
        return svg.append("</svg>\n").toString();
    }

    /** {@code values[group][bar]}: one cluster of bars per group, one colour per bar name. */
    static String bars(String title, String yLabel, List<String> groups, List<String> barNames, double[][] values,
            double yMax) {
        StringBuilder svg = frame(title, "", yLabel, groups.size(), yMax, false);
        double groupWidth = (double) (WIDTH - LEFT - RIGHT) / groups.size();
        double barWidth = groupWidth * 0.8 / barNames.size();
        for (int g = 0; g < groups.size(); g++) {
            double left = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int b = 0; b < barNames.size(); b++) {
                double top = y(values[g][b], yMax);
                svg.append("<rect fill=\"").append(COLORS[b % COLORS.length]).append("\" x=\"")
                        .append(num(left + b * barWidth)).append("\" y=\"").append(num(top)).append("\" width=\"")
                        .append(num(barWidth - 2)).append("\" height=\"").append(num(HEIGHT - BOTTOM - top))
                        .append("\"><title>").append(HtmlText.escape(groups.get(g) + " " + barNames.get(b) + ": "
                                + num(values[g][b]))).append("</title></rect>\n");
            }
            svg.append(text(left + groupWidth * 0.4, HEIGHT - BOTTOM + 16, "middle", groups.get(g)));
        }
        for (int b = 0; b < barNames.size(); b++) {
            legend(svg, b, barNames.get(b), COLORS[b % COLORS.length]);
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String title, String xLabel, String yLabel, double xMax, double yMax,
            boolean xTicks) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append(text(WIDTH / 2.0, 18, "middle", title).replace("<text", "<text font-size=\"14\""));
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line stroke=\"#333\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>\n");
        svg.append("<line stroke=\"#333\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(bottom).append("\"/>\n");
        for (int t = 0; t <= TICKS; t++) {
            double yValue = yMax * t / TICKS;
            double yPos = y(yValue, yMax);
            svg.append("<line stroke=\"#ddd\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(num(yPos)).append("\" y2=\"").append(num(yPos)).append("\"/>\n");
            svg.append(text(LEFT - 6, yPos + 4, "end", label(yValue)));
            if (xTicks) {
                double xValue = xMax * t / TICKS;
                svg.append(text(x(xValue, xMax), bottom + 16, "middle", label(xValue)));
            }
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 8, "middle", xLabel));
        svg.append("<text text-anchor=\"middle\" transform=\"translate(14,").append((TOP + bottom) / 2)
                .append(") rotate(-90)\">").append(HtmlText.escape(yLabel)).append("</text>\n");
        return svg;
    }

    private static void legend(StringBuilder svg, int index, String name, String color) {
        int top = TOP + 8 + 18 * index;
        svg.append("<rect width=\"12\" height=\"12\" fill=\"").append(color).append("\" x=\"")
                .append(WIDTH - RIGHT + 12).append("\" y=\"").append(top - 10).append("\"/>\n");
        svg.append(text(WIDTH - RIGHT + 30, top, "start", name));
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text text-anchor=\"" + anchor + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\">"
                + HtmlText.escape(content) + "</text>\n";
    }

    private static double x(double value, double max) {
        return LEFT + (WIDTH - LEFT - RIGHT) * value / max;
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / max;
    }

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code value}. */
    static double roundUp(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String label(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
