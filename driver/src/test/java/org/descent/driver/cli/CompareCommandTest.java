package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.compare.LossCharts;
import org.descent.driver.compare.RunSetting;
import org.descent.driver.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.descent.driver.cli.DescentMainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent compare} as users type it, against the shared local[2] SparkContext. */
class CompareCommandTest {

    static final List<String> RUNS = List.of("full", "sgd", "adam");

    @TempDir
    static Path dir;

    static Path train;
    static Path test;

    @BeforeAll
    static void data() {
        SparkTestContext.get();
        train = dir.resolve("train.libsvm");
        test = dir.resolve("test.libsvm");
        CliRun gen = run("generate", "--kind", "logistic", "--rows", "2000", "--features", "6", "--seed", "5",
                "--out", train.toString(), "--test-out", test.toString(), "--test-rows", "500");
        assertEquals(0, gen.exitCode(), gen.err());
    }

    @Test
    void drawsALocalSgdRunBesideASynchronousOneAgainstRoundsToo() throws Exception {
        Path out = dir.resolve("local-report");
        CliRun r = run("compare", "--data", train.toString(), "--model", "logistic", "--tol", "0", "--partitions", "2",
                "--batch", "size=64", "--lr", "0.5", "--max-iter", "64",
                "--run", "sync: --local-steps 1", "--run", "local: --local-steps 8",
                "--jvm-warmup", "2", "--objective-points", "16", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.html").toFile());
        assertEquals(5, elements(html.getDocumentElement(), "figure").size(), "the four charts and objective vs round");
        assertNotNull(ImageIO.read(out.resolve("loss-vs-round.png").toFile()));
        String header = elements(html.getDocumentElement(), "thead").get(0).getTextContent();
        assertTrue(header.contains("rounds to target"), header);

        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("runs");
        assertEquals(8, runs.get(1).get("config").get("localSteps").asInt());
        assertFalse(runs.get(0).get("config").has("localSteps"), "a synchronous run's config as before");
        for (JsonNode run : runs) {
            assertEquals(64, run.get("iterations").asInt(), "iterations count optimizer steps either way");
            if (run.get("iterationsToTarget").isInt()) {
                int iterations = run.get("iterationsToTarget").asInt();
                int rounds = run.get("roundsToTarget").asInt();
                assertEquals(run.get("name").asText().equals("local") ? (iterations + 7) / 8 : iterations, rounds,
                        run.toString());
            }
        }
        assertTrue(runs.get(1).get("iterationsToTarget").isInt(), "the local run reaches the target: " + runs);
    }

    @Test
    void writesOneSelfContainedReportWithOneSeriesAndOneRowPerRun() throws Exception {
        // Two runs from a config file (a repeated key), one from the command line.
        Path config = TestFiles.write(dir.resolve("compare.conf"), List.of(
                "model = logistic", "max-iter = 25", "tol = 0", "lr = 0.5",
                "run = full: --batch full", "run = sgd: --batch sgd --lr 0.05 --max-iter 40"));
        Path out = dir.resolve("report");
        CliRun r = run("compare", "--config", config.toString(), "--data", train.toString(), "--validation", test.toString(),
                "--run", "adam: --batch size=64 --optimizer adam --lr 0.05", "--jvm-warmup", "3", "--objective-points", "10",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // Progress within each run: at most a line every two seconds, and always its last iteration.
        for (String last : List.of("[1/3 full] iter 25/25  loss ", "[2/3 sgd] iter 40/40  batch loss ",
                "[3/3 adam] iter 25/25  batch loss ")) {
            assertTrue(r.out().lines().anyMatch(line -> line.startsWith(last) && line.contains("elapsed ")), r.out());
        }

        Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("report.html").toFile());
        List<Element> figures = elements(html.getDocumentElement(), "figure");
        assertEquals(4, figures.size(), "objective and gap, against iterations and time");
        for (Element figure : figures) {
            List<Element> svgs = elements(figure, "svg");
            assertEquals(1, svgs.size(), "one inline chart per figure");
            List<Color> lines = seriesColours(svgs.get(0));
            assertEquals(RUNS.size(), lines.size(), "one line per run");
            assertEquals(new HashSet<>(LossCharts.PALETTE.subList(0, RUNS.size())), new HashSet<>(lines),
                    "each in its run's colour");
            String legend = String.join(" ", elements(svgs.get(0), "text").stream().map(Node::getTextContent).toList());
            for (String name : RUNS) {
                assertTrue(legend.contains(name), legend);
            }
        }
        assertTrue(elements(html.getDocumentElement(), "script").isEmpty(), "no scripts");
        assertFalse(Files.readString(out.resolve("report.html")).matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");

        Element runsTable = elements(html.getDocumentElement(), "tbody").get(0);
        List<Element> rows = elements(runsTable, "tr");
        assertEquals(RUNS, rows.stream().map(row -> row.getAttribute("data-run")).toList());
        String header = elements(html.getDocumentElement(), "thead").get(0).getTextContent();
        assertTrue(header.contains("validation accuracy") && header.contains("validation auc"), header);

        for (String png : List.of("loss-vs-iteration.png", "loss-vs-time.png", "gap-vs-iteration.png", "gap-vs-time.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertEquals(LossCharts.WIDTH, image.getWidth());
            assertEquals(LossCharts.HEIGHT, image.getHeight());
        }

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(RUNS.size(), summary.get("runs").size());
        List<String> csv = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals("run,iteration,time_ms,batch_loss,objective", csv.get(0));
        int expectedRows = 1;
        double best = Double.POSITIVE_INFINITY;
        JsonNode bestRun = null;
        for (JsonNode run : summary.get("runs")) {
            expectedRows += run.get("iterations").asInt() + 1;
            if (run.get("finalObjective").asDouble() < best) {
                best = run.get("finalObjective").asDouble();
                bestRun = run;
            }
            assertTrue(run.get("validation").get("accuracy").asDouble() > 0.6, run.toString());
        }
        assertEquals(expectedRows, csv.size(), "a row per run for iteration 0 and each iteration");
        assertEquals(25, summary.get("runs").get(0).get("iterations").asInt(), "shared max-iter");
        assertEquals(40, summary.get("runs").get(1).get("iterations").asInt(), "the run's own max-iter wins");
        assertEquals("sgd", summary.get("runs").get(1).get("config").get("batch").asText());
        assertEquals("constant(lr=0.05)", summary.get("runs").get(1).get("config").get("schedule").asText());
        // Every run starts from zero parameters, where the logistic objective is ln 2 exactly.
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals("0")) {
                assertEquals(Math.log(2), Double.parseDouble(f[4]), 1e-12, line);
            }
        }
        // The default target lies between the best final objective and ln 2, so the best run reaches it.
        double target = summary.get("targetObjective").asDouble();
        assertTrue(target > best && target < Math.log(2), summary.toString());
        assertTrue(bestRun.get("iterationsToTarget").isInt(), bestRun.toString());
        // The run marked best reached the target in the least training time, in the summary and in the table.
        assertEquals("time-to-target", summary.get("bestBy").asText());
        JsonNode fastest = null;
        for (JsonNode run : summary.get("runs")) {
            if (run.get("millisToTarget").isNumber()
                    && (fastest == null || run.get("millisToTarget").asDouble() < fastest.get("millisToTarget").asDouble())) {
                fastest = run;
            }
        }
        assertEquals(fastest.get("name").asText(), summary.get("bestRun").asText());
        List<String> marked = rows.stream().filter(row -> row.getAttribute("class").equals("best"))
                .map(row -> row.getAttribute("data-run")).toList();
        assertEquals(List.of(summary.get("bestRun").asText()), marked);
    }

    @Test
    void sharedOptionsReachEveryRunAndARunsOwnWin() {
        CompareCommand command = new CompareCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOverwrittenOptionsAllowed(true);
        cli.parseArgs("--data", "d", "--model", "logistic", "--lr", "0.3", "--no-intercept", "--reg-l2", "0.01",
                "--lr", "0.4", "--out", "o",
                "--run", "plain:", "--run", "own: --lr 0.7 --intercept", "--run", "adam: --optimizer adam --beta1 0.8");
        List<RunSetting> settings = command.settings();
        assertEquals(List.of("plain", "own", "adam"), settings.stream().map(RunSetting::name).toList());
        TrainingConfig plain = settings.get(0).config();
        assertEquals("constant(lr=0.4)", plain.schedule().toString(), "the last of a repeated shared option");
        assertFalse(plain.fitIntercept());
        assertEquals(0.01, plain.regularization().l2());
        TrainingConfig own = settings.get(1).config();
        assertEquals("constant(lr=0.7)", own.schedule().toString());
        assertTrue(own.fitIntercept());
        assertEquals(0.01, own.regularization().l2());
        assertEquals("adam(beta1=0.8, beta2=0.999, eps=1.0E-8)", settings.get(2).config().optimizer().toString());
        assertEquals("--optimizer adam --beta1 0.8", settings.get(2).arguments());
    }

    @Test
    void helpListsTheRunsAndTheSharedTrainingOptions() {
        CliRun help = run("compare", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Usage: descent compare") && help.out().contains("--run")
                && help.out().contains("--optimizer") && help.out().contains("--target-loss"), help.out());
    }

    @Test
    void aBadRunExitsTwoNamingTheRun() {
        CliRun wrongKey = compare("--run", "ok: --lr 0.1", "--run", "typo: --optimizer adam --momentum 0.9");
        assertEquals(2, wrongKey.exitCode());
        assertTrue(wrongKey.err().contains("run 'typo': momentum: not a setting of optimizer 'adam'"), wrongKey.err());

        CliRun unknown = compare("--run", "elsewhere: --data other.libsvm");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("run 'elsewhere': Unknown options: '--data'"), unknown.err());

        CliRun badValue = compare("--run", "neg: --lr -1");
        assertEquals(2, badValue.exitCode());
        assertTrue(badValue.err().contains("run 'neg': ") && badValue.err().contains("lr"), badValue.err());

        CliRun noName = compare("--run", "--batch full");
        assertEquals(2, noName.exitCode());
        assertTrue(noName.err().contains("NAME: OPTIONS"), noName.err());

        CliRun twice = compare("--run", "a: --lr 0.1", "--run", "a: --lr 0.2");
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("'a' is given twice"), twice.err());

        CliRun tooBig = compare("--run", "big: --batch size=999999");
        assertEquals(2, tooBig.exitCode());
        assertTrue(tooBig.err().contains("run 'big': batch size 999999 exceeds"), tooBig.err());
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    }

    private static CliRun compare(String... runArgs) {
        List<String> args = new ArrayList<>(List.of("compare", "--data", train.toString(), "--model", "logistic",
                "--jvm-warmup", "0", "--out", dir.resolve("never").toString()));
        args.addAll(List.of(runArgs));
        return run(args.toArray(String[]::new));
    }

    /**
     * The colours of the chart's data lines, in drawing order: paths of more than two
     * segments (a legend swatch or a grid line has one) drawn in a palette colour.
     */
    static List<Color> seriesColours(Element svg) {
        List<Color> colours = new ArrayList<>();
        for (Element path : elements(svg, "path")) {
            long segments = path.getAttribute("d").chars().filter(c -> c == 'L').count();
            Color stroke = stroke(path);
            if (segments > 2 && stroke != null && LossCharts.PALETTE.contains(stroke)) {
                colours.add(stroke);
            }
        }
        return colours;
    }

    private static final Pattern STROKE = Pattern.compile("(?:^|;)\\s*stroke\\s*:\\s*rgb\\((\\d+),(\\d+),(\\d+)\\)");

    /** An element's stroke colour, inherited through its groups as SVG does. */
    private static Color stroke(Element element) {
        for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
            Matcher m = STROKE.matcher(e.getAttribute("style").replace(" ", "").toLowerCase(Locale.ROOT));
            if (m.find()) {
                return new Color(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
        }
        return null;
    }

    private static List<Element> elements(Element root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
