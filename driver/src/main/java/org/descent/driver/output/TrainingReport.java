package org.descent.driver.output;

import org.descent.driver.train.IterationRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code history.csv} (one row per iteration) and {@code summary.json} of a training run. */
public final class TrainingReport {

    public static final String HISTORY = "history.csv";
    public static final String SUMMARY = "summary.json";

    private TrainingReport() {
    }

    public static void writeHistory(List<IterationRecord> history, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(IterationRecord.CSV_HEADER);
        writer.write('\n');
        for (IterationRecord r : history) {
            writer.write(r.toCsvRow());
            writer.write('\n');
        }
        writer.flush();
    }

    public static void writeSummary(Map<String, Object> summary, OutputStream out) throws IOException {
        out.write(ModelFile.JSON.writeValueAsBytes(summary));
        out.write('\n');
    }
}
