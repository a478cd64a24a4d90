package org.descent.driver.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.descent.data.DataBlock;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.descent.driver.output.OutputKind;

/**
 * One prediction per input row, in input order, as CSV with a header:
 * {@code prediction} for regression; {@code prediction,probability} for classification, where
 * prediction is the class label (as the training data spelled it) and probability is the
 * model's probability of the positive class (binary) or of the predicted class (multiclass).
 * Partitions are fetched to the driver one at a time, so memory holds one partition's text.
 */
public final class Predictions {

    private Predictions() {
    }

    /** A predictions file, recognized by its header. */
    public static final OutputKind OUTPUT = OutputKind.fileStartingWith("predictions file",
            line -> line.equals(header(ProblemType.REGRESSION)) || line.equals(header(ProblemType.BINARY)));

    public static String header(ProblemType task) {
        return task == ProblemType.REGRESSION ? "prediction" : "prediction,probability";
    }

    public static void write(TrainedModel trained, JavaRDD<DataBlock> blocks, OutputStream out) throws IOException {
        ProblemType task = trained.spec().task();
        Model model = trained.spec().model();
        double[] classes = trained.classes();
        // A broadcast, not the closure: see Evaluation.
        Broadcast<double[]> params = JavaSparkContext.fromSparkContext(blocks.context()).broadcast(trained.params());
        try {
            JavaRDD<String> text = blocks.map(block -> lines(task, model, params.value(), classes, block));
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(header(task));
            writer.write('\n');
            Iterator<String> parts = text.toLocalIterator();
            while (parts.hasNext()) {
                writer.write(parts.next());
            }
            writer.flush();
        } finally {
            params.destroy();
        }
    }

    static String lines(ProblemType task, Model model, double[] params, double[] classes, DataBlock block) {
        int width = model.outputLoss().numPredictionOutputs();
        double[] p = new double[block.numRows() * width];
        model.predict(block, params, p);
        StringBuilder sb = new StringBuilder(block.numRows() * 24);
        for (int i = 0; i < block.numRows(); i++) {
            switch (task) {
                case REGRESSION -> sb.append(p[i]);
                case BINARY -> sb.append(label(classes[p[i] >= 0.5 ? 1 : 0])).append(',').append(p[i]);
                case MULTICLASS -> {
                    int best = 0;
                    for (int k = 1; k < width; k++) {
                        if (p[i * width + k] > p[i * width + best]) {
                            best = k;
                        }
                    }
                    sb.append(label(classes[best])).append(',').append(p[i * width + best]);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String label(double c) {
        return c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
    }

}
