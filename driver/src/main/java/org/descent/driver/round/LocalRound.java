package org.descent.driver.round;

import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.model.FeatureScaling;
import org.descent.model.Model;
import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;
import org.descent.optim.OptimizerState;
import org.descent.optim.UpdateStep;
import org.descent.sums.PartialSums;
import org.descent.sums.SumsLayout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One round of local SGD: every partition takes several optimizer steps on its own sampled
 * batches, starting from the parameters the driver ships, and sends
 * back its row-weighted change (and, when the round ships the update rule's state, its
 * row-weighted state); the changes come to the driver through the same fixed-order
 * tree-reduce as a {@link GradientRound}'s sums, so the round is a pure function of its inputs.
 *
 * <p>Step k of a round that starts at iteration t is iteration t + k in every respect: its
 * rows are drawn exactly as a synchronous iteration t + k draws them (the same
 * (seed, iteration, partition) streams, the same split of a {@code size=B} batch over the
 * partitions), and it steps with the learning rate of iteration t + k. Each step is a
 * synchronous iteration's step on the partition's own batch: the mean data gradient (in the
 * standardized coordinates, with a {@link FeatureScaling}), the L2 gradient at the partition's
 * current parameters, clipping, the update rule, the L1 proximal step ({@link UpdateStep}).
 *
 * <p>A partition's weight is the sample weight of all the rows it stepped on in the round; the
 * driver's new parameters are the start plus the weighted mean of the changes. Every partition
 * starts its steps either with a fresh state of the update rule (zero velocities and moments,
 * step count 0: the round ships the parameters alone) or with the state the driver ships,
 * whose weighted mean comes back beside the change ({@link org.descent.driver.train.LocalState}).
 * Either way nothing of a partition outlives its round.
 */
public final class LocalRound {

    private final GradientRound round;

    /** Local rounds on {@code round}'s cached blocks, model and reduce. */
    public LocalRound(GradientRound round) {
        this.round = round;
    }

    /**
     * Runs {@code rates.length} steps on every partition from {@code params} (left as it is),
     * the first being iteration {@code firstIteration} (0-based), each partition starting its
     * update rule from {@code state} (left as it is) or, when it is null, from a fresh state.
     *
     * @param params  the parameters the optimizer works on (standardized with a scaling)
     * @param state   the rule's state every partition starts from, its weighted mean coming back
     *                ({@link LocalRoundResult#meanState}); null: fresh, and nothing comes back
     * @param scaling the standardization of {@code params}, {@link FeatureScaling#NONE} without
     */
    public LocalRoundResult compute(double[] params, OptimizerState state, BatchMode mode, long seed,
                                    long firstIteration, double[] rates, UpdateStep step, FeatureScaling scaling) {
        int steps = rates.length;
        int[][] allocations = new int[steps][];
        for (int k = 0; k < steps; k++) {
            allocations[k] = round.allocation(mode, seed, firstIteration + k);
        }
        LocalInput input = new LocalInput(params, state, allocations, rates);
        int numParams = params.length;
        LocalRoundResult.Layout layout = new LocalRoundResult.Layout(numParams, steps,
                state == null ? 0 : state.slots().length);
        Broadcast<LocalInput> broadcast = numParams > GradientRound.INLINE_MAX_PARAMS
                ? round.sparkContext().broadcast(input) : null;
        try {
            double[] sums = round.reducer().reduce(round.blocks(),
                    new PartitionSteps(round.model(), layout, mode, seed, firstIteration, step, scaling,
                            broadcast == null ? input : null, broadcast),
                    PartialSums::merge).toDense();
            return new LocalRoundResult(layout, sums);
        } catch (Exception e) {
            throw GradientRound.dataLossOr(e);
        } finally {
            if (broadcast != null) {
                broadcast.destroy();
            }
        }
    }

    /** What a local round ships: the start (and the rule's state, or null), each step's batch split (size=B) and rate. */
    record LocalInput(double[] params, OptimizerState state, int[][] allocations, double[] rates)
            implements Serializable {
    }

    /** One partition's steps; the input is inline or broadcast, one of the two. */
    private record PartitionSteps(Model model, LocalRoundResult.Layout out, BatchMode mode, long seed,
                                  long firstIteration, UpdateStep step, FeatureScaling scaling, LocalInput inline,
                                  Broadcast<LocalInput> broadcast)
            implements PartitionFunction<DataBlock, PartialSums> {
        @Override
        public PartialSums apply(int partition, Iterator<DataBlock> elements) {
            LocalInput in = inline != null ? inline : broadcast.value();
            List<DataBlock> blocks = new ArrayList<>(1);
            elements.forEachRemaining(blocks::add);
            ParameterLayout layout = model.layout();
            Regularization reg = step.regularization();
            int n = layout.numParams();
            SumsLayout sumsLayout = new SumsLayout(n);
            double[] params = in.params().clone();
            double[] modelParams = scaling.isNone() ? params : new double[n];
            OptimizerState state = in.state() != null ? in.state().copy() : step.optimizer().initialState(n);
            double[] sums = new double[sumsLayout.size()];
            double[] gradient = new double[n];
            double[] result = new double[out.size()];
            double weight = 0;
            for (int k = 0; k < out.steps(); k++) {
                long iteration = firstIteration + k;
                Arrays.fill(sums, 0);
                if (!scaling.isNone()) {
                    scaling.toModel(layout, params, modelParams);
                }
                for (DataBlock block : blocks) {
                    int[] rows = GradientRound.selectRows(mode, block.numRows(), in.allocations()[k], seed, iteration,
                            partition);
                    model.accumulate(block, rows, modelParams, sums, 0);
                }
                double w = sums[sumsLayout.weightIndex()];
                result[out.stepRows(k)] = sums[sumsLayout.countIndex()];
                if (w == 0) {
                    continue; // an empty batch: nothing to step on
                }
                result[out.stepLoss(k)] = sums[sumsLayout.lossIndex()] + w * reg.penalty(params, layout);
                result[out.stepWeight(k)] = w;
                weight += w;
                double inverse = 1.0 / w;
                for (int i = 0; i < n; i++) {
                    gradient[i] = sums[i] * inverse;
                }
                scaling.toStandardizedGradient(layout, gradient);
                reg.addSmoothGradient(params, layout, gradient);
                step.apply(params, gradient, in.rates()[k], state, layout);
            }
            double[] start = in.params();
            for (int i = 0; i < n; i++) {
                result[i] = weight * (params[i] - start[i]);
            }
            result[out.weightIndex()] = weight;
            double[] slots = state.slots();
            for (int i = 0; i < out.stateSlots(); i++) {
                result[out.stateIndex() + i] = weight * slots[i];
            }
            return PartialSums.of(result);
        }
    }
}
