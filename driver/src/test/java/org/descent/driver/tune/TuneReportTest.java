package org.descent.driver.tune;

import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** trials.csv, trials.md and report.html of a search of three network trials, one dropped and one diverged. */
class TuneReportTest {

    static TrialOutcome outcome(int id, String layers, String lr, StopReason reason, double[] validationLosses,
                                int rung, boolean dropped) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("layers", layers);
        values.put("lr", lr);
        TrainingConfig config = new TrainingSettings().set(TrainingSettings.MODEL, "mlp")
                .set(TrainingSettings.LAYERS, layers).toConfig();
        List<IterationRecord> history = new ArrayList<>();
        for (int t = 0; t < validationLosses.length; t++) {
            history.add(new IterationRecord(t + 1, 1, 1, 0.1, 10, 1, validationLosses[t], 0.5));
        }
        TrainingResult result = new TrainingResult(new double[0], null, history, reason, "", 0, 0);
        return new TrialOutcome(new Trial(id, values, config), result, TuneMetric.LOSS.best(history), rung, dropped);
    }

    static TuneReport.Search search() {
        List<TrialOutcome> outcomes = new ArrayList<>(List.of(
                outcome(1, "64", "0.1", StopReason.MAX_ITERATIONS, new double[]{0.5}, 1, true),
                outcome(2, "128,64", "0.01", StopReason.MAX_ITERATIONS, new double[]{0.6, 0.4, 0.45}, 2, false),
                outcome(3, "64", "10", StopReason.DIVERGED, new double[]{0.9}, 1, false)));
        outcomes.sort(TrialOutcome.byScore(TuneMetric.LOSS));
        return new TuneReport.Search(outcomes, List.of("layers", "lr"), TuneMetric.LOSS, HalvingPlan.of(3, 1, 3, 1),
                Map.of("search", "layers=64|128,64,lr=logu:1e-3:10"));
    }

    @Test
    void theTableListsTrialsBestFirstWithTheirSettingsScoreAndRungDivergedOnesLastAndUnranked() {
        assertEquals("""
                rank,trial,layers,lr,validation_loss,best_iteration,iterations,stop_reason,rung
                1,2,"128,64",0.01,0.4,2,3,max_iterations,2
                2,1,64,0.1,0.5,1,1,dropped,1
                ,3,64,10,0.9,1,1,diverged,1
                """, TuneReport.csv(search()));
    }

    @Test
    void theMarkdownSaysWhichTrialWonAndHowTheBudgetWasSpent() {
        String md = TuneReport.markdown(search());
        assertTrue(md.contains("Best: trial 2 (`layers=128,64 lr=0.01`), validation loss 0.400000 at iteration 2 of 3."),
                md);
        assertTrue(md.contains("Successive halving, η = 3, rungs of 1, 3 iterations: 1 trials dropped. 1 diverged "
                + "(ranked last)."), md);
        assertTrue(md.contains("| 1 | 2 | 128,64 | 0.01 | 0.400000 | 2 | 3 | max_iterations | 2 |"), md);
    }

    @Test
    void aSearchOfOneTrialWithOneEvaluationStillDrawsItsChart() {
        List<TrialOutcome> one = List.of(outcome(1, "64", "0.1", StopReason.MAX_ITERATIONS, new double[]{0.5}, 1, false));
        TuneReport.Search search = new TuneReport.Search(one, List.of("layers", "lr"), TuneMetric.LOSS,
                HalvingPlan.none(1), Map.of());
        assertTrue(org.descent.driver.compare.LossCharts.svg(TuneReport.chart(search), "t").startsWith("<svg"));
    }

    @Test
    void theReportIsWellFormedWithOneChartAndTheBestRowMarked() throws Exception {
        TuneReport.Search search = search();
        String html = TuneReport.html(search, org.descent.driver.compare.LossCharts.svg(TuneReport.chart(search), "t"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, doc.getElementsByTagName("figure").getLength());
        assertEquals(1, doc.getElementsByTagName("svg").getLength());
        assertTrue(html.contains("<tr class=\"best\"><td>1</td><td>2</td>"), html);
        assertTrue(html.contains("trial 2 (best)"), "the legend names the best trial");
        assertTrue(html.contains("validation loss of every trial vs iteration") || html.contains("Validation loss of every trial"));
    }
}
