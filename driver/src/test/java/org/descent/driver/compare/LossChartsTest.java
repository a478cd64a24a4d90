package org.descent.driver.compare;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.descent.driver.compare.TargetLossTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LossChartsTest {

    /** A run of {@code iterations} iterations of {@code millis} each, its objective falling from 2 towards 1. */
    static RunOutcome run(String name, int iterations, double millis) {
        List<ObjectivePoint> points = new ArrayList<>();
        for (int i = 0; i <= iterations; i++) {
            points.add(new ObjectivePoint(i, i * millis, 1 + 1.0 / (1 + i)));
        }
        return outcome(name, points, 1 + 1.0 / (1 + iterations));
    }

    static Comparison comparison(RunOutcome... runs) {
        return new Comparison(List.of(runs), TargetLoss.given(1.1), Map.of());
    }

    static ValueAxis xAxis(JFreeChart chart) {
        return chart.getXYPlot().getDomainAxis();
    }

    @Test
    void aRunTenTimesAsLongAsAnotherPutsTheIterationAxisOnALogScale() {
        Comparison c = comparison(run("long", 2000, 5), run("short", 100, 5));
        assertTrue(LossCharts.logarithmicIterations(c));
        assertInstanceOf(LogarithmicAxis.class, xAxis(LossCharts.byIteration(c)));
        assertInstanceOf(LogarithmicAxis.class, xAxis(LossCharts.gapByIteration(c)));
        assertEquals("iteration (log scale)", xAxis(LossCharts.byIteration(c)).getLabel());
    }

    @Test
    void runsOfSimilarLengthKeepALinearAxis() {
        Comparison c = comparison(run("a", 150, 5), run("b", 100, 5));
        assertFalse(LossCharts.logarithmicIterations(c));
        assertFalse(xAxis(LossCharts.byIteration(c)) instanceof LogarithmicAxis);
        assertEquals("iteration", xAxis(LossCharts.byIteration(c)).getLabel());
    }

    @Test
    void theTimeAxisIsDecidedByTheRunsTimesNotTheirIterations() {
        // The same iterations, one run 20 times slower per iteration.
        Comparison c = comparison(run("full", 100, 40), run("sampled", 100, 2));
        assertFalse(LossCharts.logarithmicIterations(c));
        assertTrue(LossCharts.logarithmicTime(c));
        assertInstanceOf(LogarithmicAxis.class, xAxis(LossCharts.byTime(c)));
    }

    @Test
    void aLogAxisLeavesOutTheStartingPointOnly() {
        Comparison c = comparison(run("long", 2000, 5), run("short", 100, 5));
        XYSeriesCollection data = (XYSeriesCollection) LossCharts.byIteration(c).getXYPlot().getDataset();
        XYSeries shortRun = data.getSeries("short");
        assertEquals(100, shortRun.getItemCount(), "iterations 1 to 100, not 0");
        assertEquals(1.0, shortRun.getMinX());
    }
}
