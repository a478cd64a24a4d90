package org.descent.driver.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.FeaturePrecision;
import org.descent.driver.UserInputException;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.load.FrameColumns;
import org.descent.driver.load.FrameFiles;
import org.descent.driver.load.FrameLoader;
import org.descent.driver.load.FrameProjection;
import org.descent.driver.load.FrameRowLocator;
import org.descent.driver.load.FrameRowReader;
import org.descent.driver.load.RowFault;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.TrainedModel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The predictions of a model on a DataFrame, in one pass and without caching: each task reads
 * its partition in chunks of rows, builds a block of each chunk as loading would
 * ({@link FrameRowReader}), predicts it, and hands the prediction rows, after the input columns
 * asked for (an id, to join back on), to Spark's writer. A bad row (a null, NaN, or a vector of
 * another size than the model's) ends its partition and is reported after the write, which is
 * then not published: one line naming the column and the file, not a failed job.
 */
public final class FramePredictions {

    /**
     * Most feature values a chunk's block holds: a few MB, so that a chunk of a wide dense data
     * set stays small while one of a narrow one still amortizes the kernel's per-block work.
     */
    static final int CHUNK_CELLS = 1 << 20;
    /** Most rows a chunk holds, whatever its width: the input rows kept meanwhile are objects. */
    static final int CHUNK_ROWS = 4096;

    private FramePredictions() {
    }

    /**
     * Writes the predictions of {@code trained} on {@code data} to {@code target}; returns how
     * many were written.
     *
     * @param columns the feature columns (label and weight are not read)
     * @param keep    input columns copied into each prediction row, before the prediction
     * @param options storage and precision of the blocks predicted, the model's feature count
     *                and its origin, and the data's name for messages
     */
    public static long write(TrainedModel trained, Dataset<Row> data, FrameColumns columns, List<String> keep,
                             BlockOptions options, Predictions.Format format, OutputTarget target) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        String where = options.name();
        for (String name : keep) {
            if (name.equals(Predictions.PREDICTION) || name.equals(Predictions.PROBABILITY)) {
                throw new UserInputException("keep-cols: '" + name + "' is a column of the predictions; "
                        + "rename the input column to keep it");
            }
        }
        FrameProjection projection = FrameProjection.of(data, columns.featuresOnly(), where, keep);
        int numFeatures = trained.spec().numFeatures();
        int fixed = projection.reader().fixedWidth();
        if (fixed >= 0 && fixed != numFeatures) {
            throw new UserInputException(where + ": " + fixed + " feature column" + (fixed == 1 ? "" : "s") + " ("
                    + String.join(", ", columns.featureColumns()) + "), but " + options.numFeaturesOrigin() + " has "
                    + numFeatures + " feature" + (numFeatures == 1 ? "" : "s"));
        }
        List<StructField> fields = new ArrayList<>();
        for (String name : keep) {
            fields.add(projection.rows().schema().apply(name));
        }
        fields.addAll(Predictions.fields(trained.spec().task()));

        CollectionAccumulator<BadRow> bad = sc.sc().collectionAccumulator("descent: bad rows");
        LongAccumulator written = sc.sc().longAccumulator("descent: predictions");
        Broadcast<double[]> params = sc.broadcast(trained.params());
        try {
            ChunkPlan plan = new ChunkPlan(projection.reader(), numFeatures,
                    options.numFeaturesOrigin() + " has " + numFeatures + " features", options.storage(),
                    options.precision(), keep.size());
            JavaRDD<Row> rows = projection.rows().javaRDD().mapPartitionsWithIndex(
                    new PredictPartition(plan, new Scorer(trained), params, bad, written), true);
            Dataset<Row> predictions = FrameFiles.session(sc).createDataFrame(rows, DataTypes.createStructType(fields));
            try {
                Predictions.save(predictions, format, target, sc.hadoopConfiguration(), () -> {
                    if (!bad.isZero()) {
                        BadRow first = bad.value().stream().min(Comparator.comparingInt(BadRow::partition)).orElseThrow();
                        String file = new FrameRowLocator(sc, projection, where, new long[0])
                                .whereIs(first.partition(), first.row());
                        throw new UserInputException(first.fault().message(file));
                    }
                });
            } catch (UserInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new UserInputException("cannot predict on " + where + ": " + FrameLoader.failure(e), e);
            }
        } finally {
            params.destroy();
        }
        return written.value();
    }

    /** A row a task could not predict: its partition, its 0-based position there, and its fault. */
    record BadRow(int partition, long row, RowFault fault) implements Serializable {
    }

    /** How a task reads its rows into chunks: the reader, the width every row must have, the blocks' layout. */
    record ChunkPlan(FrameRowReader reader, int numFeatures, String widthOrigin, BlockStorage storage,
                     FeaturePrecision precision, int kept) implements Serializable {

        int chunkRows() {
            return Math.max(1, Math.min(CHUNK_ROWS, CHUNK_CELLS / Math.max(1, numFeatures)));
        }
    }

    private record PredictPartition(ChunkPlan plan, Scorer scorer, Broadcast<double[]> params,
                                    CollectionAccumulator<BadRow> bad, LongAccumulator written)
            implements Function2<Integer, Iterator<Row>, Iterator<Row>> {
        @Override
        public Iterator<Row> call(Integer index, Iterator<Row> input) {
            return new ChunkedRows(index, input, plan, scorer, params.value(), bad, written);
        }
    }

    /** The prediction rows of a partition, predicted a chunk at a time as they are asked for. */
    private static final class ChunkedRows implements Iterator<Row> {

        private final int partition;
        private final Iterator<Row> input;
        private final ChunkPlan plan;
        private final Scorer scorer;
        private final double[] params;
        private final CollectionAccumulator<BadRow> bad;
        private final LongAccumulator written;
        private final BlockBuilder builder;
        private final Object[][] kept;
        private final int firstKept;
        private Row[] chunk = new Row[0];
        private int next;
        private long rowsRead;
        private boolean stopped;

        ChunkedRows(int partition, Iterator<Row> input, ChunkPlan plan, Scorer scorer, double[] params,
                    CollectionAccumulator<BadRow> bad, LongAccumulator written) {
            this.partition = partition;
            this.input = input;
            this.plan = plan;
            this.scorer = scorer;
            this.params = params;
            this.bad = bad;
            this.written = written;
            int rows = plan.chunkRows();
            this.builder = new BlockBuilder(rows, rows * 16);
            this.kept = new Object[rows][];
            this.firstKept = plan.reader().columnsRead();
        }

        @Override
        public boolean hasNext() {
            while (next == chunk.length && !stopped && input.hasNext()) {
                fill();
            }
            return next < chunk.length;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk[next++];
        }

        /** Reads the next chunk of rows and predicts it; a bad row is reported and ends the partition. */
        private void fill() {
            builder.clear();
            int n = 0;
            while (n < kept.length && input.hasNext()) {
                Row row = input.next();
                RowFault fault = plan.reader().read(row, builder, plan.numFeatures(), plan.widthOrigin());
                if (fault != null) {
                    bad.add(new BadRow(partition, rowsRead, fault));
                    stopped = true;
                    break;
                }
                Object[] values = new Object[plan.kept() + scorer.width()];
                for (int k = 0; k < plan.kept(); k++) {
                    values[k] = row.get(firstKept + k);
                }
                kept[n++] = values;
                rowsRead++;
            }
            chunk = new Row[n];
            next = 0;
            if (n == 0) {
                return;
            }
            double[] p = scorer.predict(builder.build(plan.numFeatures(), plan.storage(), plan.precision()), params);
            for (int i = 0; i < n; i++) {
                scorer.values(p, i, kept[i], plan.kept());
                chunk[i] = RowFactory.create(kept[i]);
                kept[i] = null;
            }
            written.add(n);
        }
    }
}
