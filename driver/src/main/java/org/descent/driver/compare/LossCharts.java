package org.descent.driver.compare;

import org.apache.batik.svggen.SVGCSSStyler;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.apache.batik.svggen.SVGSyntax;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The comparison's charts, one line per run, against iterations and against training time:
 * the objective on all training rows, and its gap to the best objective any run reached.
 * JFreeChart draws each chart once; the same drawing goes to a PNG (for terminals and CI
 * artifacts) or, through Batik's SVG generator, to SVG for the self-contained HTML report.
 *
 * <p>The objective axis is logarithmic when the plotted values span a factor of 10 or more
 * (where a linear axis flattens everything after the first iterations) and linear otherwise
 * (a logistic loss going from 0.69 to 0.42 reads better on plain decimal ticks). The gap axis
 * is always logarithmic: runs that all end near the optimum, crowded into one line of the
 * objective chart, come apart there.
 *
 * <p>The iteration or time axis is logarithmic when the longest run goes 10 times as far as
 * the shortest or more (a run of 2000 iterations beside runs of 100): on a linear axis the
 * short runs would be squeezed into its first tenth. A log axis cannot show iteration 0 or
 * time 0, so the starting point is left out there; every run starts from the same objective.
 */
public final class LossCharts {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 540;

    /**
     * Line colours, one per run in order: the Okabe-Ito palette, distinguishable with the
     * common colour-vision deficiencies (its yellow left out: unreadable on white). Runs beyond
     * it reuse the colours with dashed lines.
     */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000));

    /**
     * A ratio of largest to smallest plotted objective, or of longest to shortest run, from
     * which the axis is logarithmic: a decade is where a linear axis starts to flatten the
     * small end into a sliver.
     */
    static final double LOG_AXIS_SPAN = 10;

    /** Log-axis ticks are written as decimals within this range, as powers of ten outside it. */
    private static final double PLAIN_TICKS_MIN = 1e-3;
    private static final double PLAIN_TICKS_MAX = 1e5;

    private static final Color GRID = new Color(0xDDDDDD);

    /** The opacity of the lines behind a highlighted one: there, but not competing with it. */
    private static final int PALE_ALPHA = 170;
    /** The room left above and below a set range of the vertical axis, as a fraction of it. */
    private static final double AXIS_MARGIN = 0.03;
    /** The diameter of a point's marker, in pixels of the 960 x 540 chart. */
    private static final double MARKER = 5;

    static {
        // Charts are drawn off-screen: never let AWT look for a display (an unreachable
        // DISPLAY would otherwise fail the report at the end of a long comparison).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private LossCharts() {
    }

    private static final String ITERATION = "iteration";
    private static final String TIME = "training time (s)";
    private static final ToDoubleFunction<ObjectivePoint> ITERATIONS = p -> p.iteration();
    private static final ToDoubleFunction<ObjectivePoint> SECONDS = p -> p.millis() / 1000;
    private static final String ROUND = "round (one Spark job each)";
    private static final ToDoubleFunction<ObjectivePoint> ROUNDS = p -> p.round();

    public static JFreeChart byIteration(Comparison comparison) {
        return objectiveChart(comparison, "Objective on all training rows vs iteration", ITERATION, ITERATIONS);
    }

    public static JFreeChart byTime(Comparison comparison) {
        return objectiveChart(comparison, "Objective on all training rows vs training time", TIME, SECONDS);
    }

    /** Against rounds: the same as against iterations unless a run takes local steps. */
    public static JFreeChart byRound(Comparison comparison) {
        return objectiveChart(comparison, "Objective on all training rows vs round", ROUND, ROUNDS);
    }

    public static JFreeChart gapByIteration(Comparison comparison) {
        return gapChart(comparison, "Gap to the best objective vs iteration", ITERATION, ITERATIONS);
    }

    public static JFreeChart gapByTime(Comparison comparison) {
        return gapChart(comparison, "Gap to the best objective vs training time", TIME, SECONDS);
    }

    /**
     * F_best: the smallest objective measured in any run, the stand-in for the optimum in the
     * gap charts; NaN when no run measured a finite one.
     */
    public static double bestObjective(Comparison comparison) {
        return comparison.runs().stream().flatMap(r -> r.objective().stream()).mapToDouble(ObjectivePoint::objective)
                .filter(Double::isFinite).min().orElse(Double.NaN);
    }

    /** Whether the charts against iterations have a logarithmic iteration axis. */
    public static boolean logarithmicIterations(Comparison comparison) {
        return logarithmicX(comparison, ITERATIONS);
    }

    /** Whether the charts against training time have a logarithmic time axis. */
    public static boolean logarithmicTime(Comparison comparison) {
        return logarithmicX(comparison, SECONDS);
    }

    public static void writePng(JFreeChart chart, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }

    /**
     * The chart as one {@code <svg>} element, to be placed inside an HTML page: no XML
     * declaration, a viewBox so it scales with the page, and element ids prefixed with
     * {@code idPrefix} so that two charts on one page never share a clip path's id.
     */
    public static String svg(JFreeChart chart, String idPrefix) {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment(null);
        context.setIDGenerator(new SVGIDGenerator() {
            @Override
            public String generateID(String prefix) {
                return super.generateID(idPrefix + "-" + prefix);
            }
        });
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new Dimension(WIDTH, HEIGHT));
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        Element root = g.getRoot();
        // The one id Batik does not take from the generator: unique per chart as well.
        NodeList defs = root.getElementsByTagName("defs");
        for (int i = 0; i < defs.getLength(); i++) {
            Element d = (Element) defs.item(i);
            if (d.getAttribute("id").equals(SVGSyntax.ID_PREFIX_GENERIC_DEFS)) {
                d.setAttribute("id", idPrefix + "-" + SVGSyntax.ID_PREFIX_GENERIC_DEFS);
            }
        }
        root.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        root.setAttribute("role", "img");
        root.setAttribute("aria-label", chart.getTitle().getText());
        g.dispose();
        // Presentation attributes to CSS style attributes, as Batik's own writer does; then the
        // element alone, without the XML declaration a document would start with.
        SVGCSSStyler.style(root);
        StringWriter out = new StringWriter();
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(root), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static JFreeChart objectiveChart(Comparison comparison, String title, String xLabel,
                                             ToDoubleFunction<ObjectivePoint> x) {
        boolean log = logarithmic(comparison);
        return chart(comparison, title, xLabel, x, ObjectivePoint::objective, log ? "objective (log scale)" : "objective",
                log);
    }

    /** A run's points at the best objective itself have no gap to draw on a log axis: they are left out. */
    private static JFreeChart gapChart(Comparison comparison, String title, String xLabel,
                                       ToDoubleFunction<ObjectivePoint> x) {
        double best = bestObjective(comparison);
        return chart(comparison, title, xLabel, x, p -> p.objective() - best, "objective - best objective (log scale)",
                true);
    }

    private static JFreeChart chart(Comparison comparison, String title, String xLabel, ToDoubleFunction<ObjectivePoint> x,
                                    ToDoubleFunction<ObjectivePoint> y, String yLabel, boolean log) {
        boolean logX = logarithmicX(comparison, x);
        List<Line> lines = new ArrayList<>();
        for (RunOutcome run : comparison.runs()) {
            double[] xs = new double[run.objective().size()];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = x.applyAsDouble(run.objective().get(i));
                ys[i] = y.applyAsDouble(run.objective().get(i));
            }
            lines.add(new Line(run.name(), xs, ys));
        }
        return lines(title, logX ? xLabel + " (log scale)" : xLabel, logX, yLabel, log, lines, -1, false);
    }

    /**
     * One named line of a chart: its points, in order. Points that are not finite, or not
     * positive on a logarithmic axis, are left out.
     */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("a line needs as many x as y values, got " + x.length + " and "
                        + y.length);
            }
        }
    }

    /**
     * A chart of named lines in the palette's colours, legend on the right, as every chart of
     * a report draws them. With {@code highlighted} >= 0 that line is drawn thick and in front,
     * in the palette's first colour, and the others thin and pale, behind it. With
     * {@code markers} every point is marked too: lines of a few scattered measurements (or of
     * one, which draws no line) stay visible.
     */
    public static JFreeChart lines(String title, String xLabel, boolean logX, String yLabel, boolean logY,
                                   List<Line> lines, int highlighted, boolean markers) {
        return lines(title, xLabel, logX, yLabel, logY, lines, highlighted, markers, Double.NaN, Double.NaN);
    }

    /**
     * {@link #lines} with the vertical axis from {@code yLow} to {@code yHigh} (NaN for either:
     * fitted to the points); what lies beyond is cut off by the plot's edge.
     */
    public static JFreeChart lines(String title, String xLabel, boolean logX, String yLabel, boolean logY,
                                   List<Line> lines, int highlighted, boolean markers, double yLow, double yHigh) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i != highlighted) {
                order.add(i);
            }
        }
        if (highlighted >= 0) {
            order.add(highlighted);
        }
        for (int i : order) {
            Line line = lines.get(i);
            XYSeries series = new XYSeries(line.name(), false, true);
            for (int p = 0; p < line.x().length; p++) {
                double value = line.y()[p];
                double at = line.x()[p];
                if (Double.isFinite(value) && Double.isFinite(at) && (!logY || value > 0) && (!logX || at > 0)) {
                    series.add(at, value);
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            dataset.addSeries(series);
        }
        ValueAxis xAxis;
        if (logX) {
            LogarithmicAxis axis = new LogarithmicAxis(xLabel);
            axis.setStrictValuesFlag(false);
            xAxis = axis;
        } else {
            NumberAxis axis = new NumberAxis(xLabel);
            axis.setAutoRangeIncludesZero(true);
            xAxis = axis;
        }
        ValueAxis yAxis;
        if (logY) {
            LogarithmicAxis axis = new LogarithmicAxis(yLabel);
            axis.setStrictValuesFlag(false);
            // 1e-12 rather than 0.000000000001: decimals are unreadable beyond a few places.
            axis.setExpTickLabelsFlag(min < PLAIN_TICKS_MIN || max >= PLAIN_TICKS_MAX);
            yAxis = axis;
        } else {
            NumberAxis axis = new NumberAxis(yLabel);
            axis.setAutoRangeIncludesZero(false);
            yAxis = axis;
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers);
        // One path per run: the line is drawn as a whole, and the SVG has one element per series.
        renderer.setDrawSeriesLineAsPath(true);
        for (int s = 0; s < order.size(); s++) {
            double size = order.get(s) == highlighted ? MARKER * 1.5 : MARKER;
            renderer.setSeriesShape(s, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
            int i = order.get(s);
            if (highlighted < 0) {
                renderer.setSeriesPaint(s, PALETTE.get(i % PALETTE.size()));
                renderer.setSeriesStroke(s, stroke(i / PALETTE.size()));
            } else if (i == highlighted) {
                renderer.setSeriesPaint(s, PALETTE.get(0));
                renderer.setSeriesStroke(s, new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            } else {
                Color c = PALETTE.get(1 + i % (PALETTE.size() - 1));
                renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), PALE_ALPHA));
                renderer.setSeriesStroke(s, new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
        }
        if (!Double.isNaN(yLow) || !Double.isNaN(yHigh)) {
            double lower = Double.isNaN(yLow) ? min : yLow;
            double upper = Double.isNaN(yHigh) ? max : yHigh;
            double margin = (upper - lower) * AXIS_MARGIN;
            if (upper > lower) {
                // A range of one value (a single point) is left to the axis to widen.
                yAxis.setRange(logY ? lower : lower - margin, upper + (logY ? 0 : margin));
            }
        }
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    /** Solid for the first round of colours, then ever shorter dashes. */
    private static Stroke stroke(int cycle) {
        if (cycle == 0) {
            return new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float dash = Math.max(2f, 12f / cycle);
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[]{dash, dash}, 0f);
    }

    private static boolean logarithmic(Comparison comparison) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (RunOutcome run : comparison.runs()) {
            for (ObjectivePoint p : run.objective()) {
                if (Double.isFinite(p.objective()) && p.objective() > 0) {
                    min = Math.min(min, p.objective());
                    max = Math.max(max, p.objective());
                }
            }
        }
        return max > 0 && max / min >= LOG_AXIS_SPAN;
    }

    /**
     * Whether the runs' extents along {@code x} (where each one's last point lies) differ by a
     * factor of {@link #LOG_AXIS_SPAN} or more.
     */
    private static boolean logarithmicX(Comparison comparison, ToDoubleFunction<ObjectivePoint> x) {
        double shortest = Double.POSITIVE_INFINITY;
        double longest = 0;
        for (RunOutcome run : comparison.runs()) {
            if (!run.objective().isEmpty()) {
                double extent = x.applyAsDouble(run.objective().get(run.objective().size() - 1));
                if (extent > 0) {
                    shortest = Math.min(shortest, extent);
                    longest = Math.max(longest, extent);
                }
            }
        }
        return longest > 0 && longest / shortest >= LOG_AXIS_SPAN;
    }
}
