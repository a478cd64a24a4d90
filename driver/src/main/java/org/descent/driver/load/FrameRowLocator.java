package org.descent.driver.load;

import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.descent.data.BlockBuilder;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RowLocator} of a DataFrame, which also names the file of a {@link RowFault}: it
 * reads the rows again with Spark's {@code input_file_name()} beside them, so the good path
 * never carries a file name per row. Spark can tell the file only where the rows come straight
 * from a file scan; elsewhere (a DataFrame built in memory, or after a shuffle) the row is
 * named by its position instead: "row 17 of the DataFrame".
 */
public final class FrameRowLocator implements RowLocator {

    private final JavaSparkContext sc;
    private final FrameProjection projection;
    private final String where;
    /** Rows of each partition of the projection, in order, to number a row of the whole data. */
    private final long[] partitionRows;

    /** @param partitionRows rows of each partition of the projection; empty when not counted */
    public FrameRowLocator(JavaSparkContext sc, FrameProjection projection, String where, long[] partitionRows) {
        this.sc = sc;
        this.projection = projection;
        this.where = where;
        this.partitionRows = partitionRows.clone();
    }

    @Override
    public Optional<String> firstWhere(RowCondition condition) {
        List<Hit> hits = run("locating a row", new FirstMatch(projection.reader(), condition, -1, -1));
        return hits.stream().min(Comparator.comparingInt(Hit::partition)).map(this::name);
    }

    /** Where row {@code row} (0-based) of partition {@code partition} is: its file, or its position in the data. */
    public String whereIs(int partition, long row) {
        List<Hit> hits = run("locating a bad row", new FirstMatch(projection.reader(), null, partition, row));
        return hits.isEmpty() ? name(new Hit(partition, row, "")) : name(hits.get(0));
    }

    private List<Hit> run(String what, FirstMatch match) {
        sc.setJobDescription("descent: " + what + " of " + where);
        try {
            Column[] columns = {functions.col("*"), functions.input_file_name()};
            JavaRDD<Row> rows = projection.rows().select(columns).javaRDD();
            return rows.mapPartitionsWithIndex(match, true).collect();
        } finally {
            sc.setJobDescription(null);
        }
    }

    private String name(Hit hit) {
        if (!hit.file().isEmpty()) {
            return fileName(hit.file());
        }
        if (hit.partition() > partitionRows.length) {
            return "row " + (hit.row() + 1) + " of partition " + hit.partition() + " of " + where;
        }
        long before = 0;
        for (int p = 0; p < hit.partition(); p++) {
            before += partitionRows[p];
        }
        return "row " + (before + hit.row() + 1) + " of " + where;
    }

    /** Spark's URL-encoded file URI ("file:///a%20b/x") as Hadoop prints a path elsewhere in messages ("file:/a b/x"). */
    static String fileName(String inputFileName) {
        try {
            return new Path(new URI(inputFileName)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return inputFileName;
        }
    }

    /** A row found: its partition, its 0-based position there, and its file ("" when Spark cannot tell). */
    record Hit(int partition, long row, String file) implements Serializable {
    }

    /**
     * The first row of a partition that reads well and matches a condition; or, when no
     * condition is given, row {@code row} of partition {@code partition}. Other partitions
     * return at once, without reading a row.
     */
    private record FirstMatch(FrameRowReader reader, RowCondition condition, int partition, long row)
            implements Function2<Integer, Iterator<Row>, Iterator<Hit>> {
        @Override
        public Iterator<Hit> call(Integer index, Iterator<Row> rows) {
            if (condition == null && index != partition) {
                return Collections.emptyIterator();
            }
            BlockBuilder one = new BlockBuilder(1, 16);
            long i = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                boolean found;
                if (condition == null) {
                    found = i == row;
                } else {
                    one.clear();
                    found = reader.read(r, one, -1, "") == null && condition.matches(one.label(0), one.maxColumnIndex());
                }
                if (found) {
                    return List.of(new Hit(index, i, r.getString(r.length() - 1))).iterator();
                }
                i++;
            }
            return Collections.emptyIterator();
        }
    }
}
