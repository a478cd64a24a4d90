package org.descent.driver.evaluate;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.descent.data.DataBlock;
import org.descent.driver.UserInputException;
import org.descent.driver.load.FrameFiles;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.OutputKind;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.spec.ProblemType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * One prediction per input row, written by the executors as a directory of part files
 * (Parquet, or CSV with a header in each file), published atomically: nothing passes through
 * the driver. The prediction columns are {@code prediction} for regression, and
 * {@code prediction,probability} for classification, where prediction is the class label (as
 * the training data spelled it, a whole number) and probability is the model's probability of
 * the positive class (binary) or of the predicted class (multiclass).
 *
 * <p>Rows of text data (LIBSVM, CSV) come first with a {@code row} column: the row's 1-based
 * position among the data's rows, files in name order (blank lines, comments and headers are
 * not rows), by which predictions join back to their input. Rows of DataFrame data carry the
 * input columns asked for instead ({@link FramePredictions}). Part files follow the partitions,
 * and rows within a part file their input order.
 */
public final class Predictions {

    public static final String ROW = "row";
    public static final String PREDICTION = "prediction";
    public static final String PROBABILITY = "probability";

    /** The single CSV file earlier versions wrote, which an output directory may replace. */
    private static final OutputKind SINGLE_FILE = OutputKind.fileStartingWith("predictions file",
            line -> line.equals(PREDICTION) || line.equals(PREDICTION + "," + PROBABILITY));

    /** A directory of prediction part files. */
    public static final OutputKind OUTPUT = OutputKind.partFiles("predictions directory", SINGLE_FILE);

    /** How the part files are written. */
    public enum Format {
        PARQUET,
        CSV;

        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("out-format: unknown value '" + text + "'; allowed: parquet, csv");
            }
        }

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Predictions() {
    }

    /** The prediction columns of a model's rows: prediction (a double, or a class label), then probability. */
    public static List<StructField> fields(ProblemType task) {
        List<StructField> fields = new ArrayList<>();
        if (task == ProblemType.REGRESSION) {
            fields.add(DataTypes.createStructField(PREDICTION, DataTypes.DoubleType, false));
        } else {
            fields.add(DataTypes.createStructField(PREDICTION, DataTypes.LongType, false));
            fields.add(DataTypes.createStructField(PROBABILITY, DataTypes.DoubleType, false));
        }
        return fields;
    }

    /**
     * Writes the predictions of a model on loaded text data to {@code target}, each row after
     * its {@code row} number; returns how many were written.
     */
    public static long write(TrainedModel trained, LoadedData loaded, Format format, OutputTarget target) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(loaded.blocks().context());
        long[] firstRow = new long[loaded.numPartitions()];
        long before = 0;
        for (int p = 0; p < firstRow.length; p++) {
            firstRow[p] = before + 1;
            before += loaded.partitionRows()[p];
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(ROW, DataTypes.LongType, false));
        fields.addAll(fields(trained.spec().task()));
        // A broadcast, not the closure: see Evaluation.
        Broadcast<double[]> params = sc.broadcast(trained.params());
        try {
            JavaRDD<Row> rows = loaded.blocks().mapPartitionsWithIndex(
                    new NumberedRows(new Scorer(trained), params, firstRow), true);
            Dataset<Row> predictions = FrameFiles.session(sc).createDataFrame(rows, DataTypes.createStructType(fields));
            save(predictions, format, target, sc.hadoopConfiguration(), null);
        } finally {
            params.destroy();
        }
        return loaded.numRows();
    }

    /**
     * Writes a DataFrame of predictions as part files and publishes them at {@code target};
     * {@code afterWriting} runs before publishing and may still refuse the result by throwing.
     */
    static void save(Dataset<Row> predictions, Format format, OutputTarget target, Configuration conf,
                     Runnable afterWriting) {
        new AtomicOutput(conf).writeDirectoryWith(target, staging -> {
            predictions.write().format(format.spelling()).option("header", "true").save(staging);
            if (afterWriting != null) {
                afterWriting.run();
            }
        });
    }

    /** The rows of one block's predictions, each after its row number. */
    private record NumberedRows(Scorer scorer, Broadcast<double[]> params, long[] firstRow)
            implements Function2<Integer, Iterator<DataBlock>, Iterator<Row>> {
        @Override
        public Iterator<Row> call(Integer index, Iterator<DataBlock> blocks) {
            DataBlock block = blocks.next();
            double[] p = scorer.predict(block, params.value());
            long first = firstRow[index];
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < block.numRows();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Object[] values = new Object[1 + scorer.width()];
                    values[0] = first + i;
                    scorer.values(p, i++, values, 1);
                    return RowFactory.create(values);
                }
            };
        }
    }
}
