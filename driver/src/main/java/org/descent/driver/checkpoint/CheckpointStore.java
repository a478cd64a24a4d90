package org.descent.driver.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;
import org.descent.driver.Versions;
import org.descent.driver.load.FileStamp;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.OutputKind;
import org.descent.driver.output.OutputTarget;
import org.descent.driver.output.TrainingReport;
import org.descent.driver.train.EarlyStopping;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingState;
import org.descent.model.FeatureScaling;
import org.descent.optim.OptimizerState;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Checkpoints in one directory on any Hadoop file system. The layout:
 * <pre>
 *   DIR/ckpt-000010/             the state after 10 iterations (the name sorts by iteration)
 *       checkpoint.json          what the checkpoint is and which run it belongs to (below)
 *       params.bin               the parameters
 *       optimizer-state.bin      the optimizer's slots (velocities, moments), as OptimizerState holds them
 *       history.csv              one row per completed iteration, as in a model's output
 *   DIR/ckpt-000012/             the newest; the two newest are kept
 *   DIR/.ckpt-000014.tmp-...     a write a crash interrupted; ignored, and removed by the next write
 * </pre>
 * The {@code .bin} files are IEEE-754 doubles, big-endian, bit for bit, so a resumed run
 * continues exactly; nothing is read with Java deserialization.
 *
 * <p>{@code checkpoint.json} fields:
 * <ul>
 *   <li>{@code format}, {@code formatVersion}: {@value #FORMAT}, {@value #FORMAT_VERSION}; any
 *       other version is refused rather than half understood</li>
 *   <li>{@code iteration}: iterations done, which the directory's name repeats as a check</li>
 *   <li>{@code stopReason}: null mid-run, else why training stopped</li>
 *   <li>{@code run}: the {@link RunIdentity}'s settings, the named fields a resumed run must
 *       match one by one (model, batch, optimizer and schedule with their settings, seed, ...)</li>
 *   <li>{@code data.files}: every data file's {@code path}, {@code length} and
 *       {@code modificationTime}, so a resumed run refuses data that changed</li>
 *   <li>{@code sampling}: the {@code seed} and {@code nextIteration}; every random stream
 *       derives from (seed, iteration, partition), so that is the whole generator state</li>
 *   <li>{@code optimizerState.steps}: updates applied (Adam's bias correction needs it)</li>
 *   <li>{@code arrays.params}, {@code arrays.optimizerState}: each file's {@code length} in
 *       doubles and {@code crc32}, so a truncated or damaged file is refused, not resumed</li>
 *   <li>{@code earlyStopping}: with validation, after its first evaluation: {@code bestLoss}
 *       (null before a finite one), {@code bestIteration} (0 before one) and {@code sinceBest},
 *       the evaluations since without improvement; the best parameters are in
 *       {@code best-params.bin} ({@code arrays.bestParams}). Absent means no validation, or none yet
 *       (so a checkpoint written before validation existed is a run without it)</li>
 *   <li>{@code versions}: of Descent, Spark, Java (for people; not compared)</li>
 * </ul>
 *
 * <p>A checkpoint is written under a hidden temporary name and renamed into place only when
 * all its files are complete ({@link AtomicOutput}), so every {@code ckpt-N} directory is
 * whole. The previous checkpoint is deleted only after the new one is in place, and one older
 * than the newest is always kept, in case the newest turns out unreadable.
 */
public final class CheckpointStore {

    public static final String FORMAT = "descent-checkpoint";
    /** 2: the run's settings as named fields ({@code run}) instead of their descriptions. */
    public static final int FORMAT_VERSION = 2;
    static final String META = "checkpoint.json";
    static final String PARAMS = "params.bin";
    static final String OPTIMIZER_STATE = "optimizer-state.bin";
    static final String FEATURE_SCALES = "feature-scales.bin";
    static final String FEATURE_MEANS = "feature-means.bin";
    static final String BEST_PARAMS = "best-params.bin";
    static final String HISTORY = TrainingReport.HISTORY;
    /** One checkpoint's directory, which a write of the same iteration replaces. */
    static final OutputKind CHECKPOINT = OutputKind.directoryOf("checkpoint", META, PARAMS, OPTIMIZER_STATE, HISTORY,
            FEATURE_SCALES, FEATURE_MEANS, BEST_PARAMS);
    /** A directory of checkpoints; never replaced as a whole (a fresh run deletes its checkpoints one by one). */
    public static final OutputKind OUTPUT = OutputKind.directoryOf("checkpoint directory");
    /** Complete checkpoints kept after a write: the new one and the one before it. */
    static final int KEEP = 2;

    private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Configuration conf;

    public CheckpointStore(String dir, Configuration conf) {
        this.dir = new Path(dir);
        this.conf = conf;
    }

    public String directory() {
        return dir.toString();
    }

    static String name(int iteration) {
        return String.format(Locale.ROOT, "ckpt-%06d", iteration);
    }

    /** The iterations of the complete checkpoints, ascending; empty if the directory does not exist. */
    public List<Integer> iterations() {
        List<Integer> found = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return found;
            }
            for (FileStatus status : fs.listStatus(dir)) {
                Matcher m = NAME.matcher(status.getPath().getName());
                if (status.isDirectory() && m.matches()) {
                    found.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot list checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        found.sort(Integer::compare);
        return found;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> newest() {
        List<Integer> all = iterations();
        return all.isEmpty() ? Optional.empty() : Optional.of(read(all.get(all.size() - 1)));
    }

    /** Writes the state of {@code run} atomically, then deletes all but the newest {@link #KEEP}. */
    public Checkpoint write(RunIdentity run, TrainingState state) {
        Path target = new Path(dir, name(state.iterations()));
        try {
            deleteStaging(dir.getFileSystem(conf));
        } catch (IOException e) {
            throw new UserInputException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
        }
        byte[] params = bytes(state.params());
        byte[] slots = bytes(state.optimizerState().slots());
        FeatureScaling scaling = state.scaling();
        byte[] scales = scaling.isNone() ? null : bytes(scaling.scales());
        byte[] means = scaling.centers() ? bytes(scaling.means()) : null;
        EarlyStopping early = state.earlyStopping();
        byte[] best = early.hasBest() ? bytes(early.bestParams()) : null;
        Map<String, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(PARAMS, out -> out.write(params));
        files.put(OPTIMIZER_STATE, out -> out.write(slots));
        if (scales != null) {
            files.put(FEATURE_SCALES, out -> out.write(scales));
        }
        if (means != null) {
            files.put(FEATURE_MEANS, out -> out.write(means));
        }
        if (best != null) {
            files.put(BEST_PARAMS, out -> out.write(best));
        }
        files.put(HISTORY, out -> TrainingReport.writeHistory(state.history(), out));
        files.put(META, out -> out.write(JSON.writeValueAsBytes(meta(run, state, params, slots, scales, means, best))));
        new AtomicOutput(conf).writeDirectory(new OutputTarget("checkpoint", target.toString(), CHECKPOINT, true), files);
        prune();
        return new Checkpoint(run, state, target.toString());
    }

    /** Deletes every checkpoint and any half-written one (for a fresh run with --overwrite). */
    public void clear() {
        try {
            FileSystem fs = dir.getFileSystem(conf);
            for (int iteration : iterations()) {
                fs.delete(new Path(dir, name(iteration)), true);
            }
            deleteStaging(fs);
        } catch (IOException e) {
            throw new UserInputException("cannot clear checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks the checkpoint after {@code iteration} iterations. */
    public Checkpoint read(int iteration) {
        Path ckpt = new Path(dir, name(iteration));
        String where = ckpt.toString();
        try {
            FileSystem fs = ckpt.getFileSystem(conf);
            JsonNode meta;
            try (FSDataInputStream in = fs.open(new Path(ckpt, META))) {
                meta = JSON.readTree(in);
            } catch (JsonProcessingException e) {
                throw corrupt(where, META + " is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (meta == null || !meta.isObject()) {
                throw corrupt(where, META + " is empty or not a JSON object");
            }
            if (!FORMAT.equals(meta.path("format").asText()) || meta.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw corrupt(where, "not a version " + FORMAT_VERSION + " " + FORMAT);
            }
            if (meta.path("iteration").asInt(-1) != iteration) {
                throw corrupt(where, "it says iteration " + meta.path("iteration").asText() + ", its name " + iteration);
            }
            if (!meta.path("run").isObject()) {
                throw corrupt(where, META + " has no 'run' object");
            }
            ObjectNode settings = (ObjectNode) meta.path("run");
            if (!settings.has("standardize")) {
                // Written before standardization existed: such a run used the features as they are.
                settings.put("standardize", false);
            }
            RunIdentity run = new RunIdentity(settings, files(meta.path("data").path("files")));
            ModelSpec spec = run.spec(where);
            JsonNode arrays = meta.path("arrays");
            double[] params = doubles(fs, new Path(ckpt, PARAMS), arrays.path("params"), where);
            if (params.length != spec.layout().numParams()) {
                throw corrupt(where, "the model needs " + spec.layout().numParams() + " parameters, " + PARAMS
                        + " holds " + params.length);
            }
            double[] slots = doubles(fs, new Path(ckpt, OPTIMIZER_STATE), arrays.path("optimizerState"), where);
            OptimizerState optimizerState = new OptimizerState(meta.path("optimizerState").path("steps").asLong(), slots);
            FeatureScaling scaling = scaling(fs, ckpt, meta, spec.numFeatures(), where);
            List<IterationRecord> history = history(fs, new Path(ckpt, HISTORY), where);
            if (history.size() != iteration) {
                throw corrupt(where, HISTORY + " has " + history.size() + " iterations, expected " + iteration);
            }
            JsonNode stop = meta.path("stopReason");
            StopReason reason = stop.isNull() || stop.isMissingNode() ? null : StopReason.valueOf(stop.asText());
            EarlyStopping early = earlyStopping(fs, ckpt, meta, params.length, where);
            return new Checkpoint(run, new TrainingState(params, optimizerState, history, reason, scaling, early), where);
        } catch (FileNotFoundException e) {
            throw corrupt(where, "a file is missing: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(where, e.getMessage());
        }
    }

    /** The standardization the parameters are in: none, or the stored scales and (if centered) means. */
    private static FeatureScaling scaling(FileSystem fs, Path ckpt, JsonNode meta, int numFeatures, String where)
            throws IOException {
        JsonNode standardization = meta.path("standardization");
        if (!standardization.isObject()) {
            return FeatureScaling.NONE;
        }
        JsonNode arrays = meta.path("arrays");
        boolean centered = standardization.path("centered").asBoolean();
        double[] scales = doubles(fs, new Path(ckpt, FEATURE_SCALES), arrays.path("featureScales"), where);
        double[] means = centered ? doubles(fs, new Path(ckpt, FEATURE_MEANS), arrays.path("featureMeans"), where)
                : new double[scales.length];
        if (scales.length != numFeatures || means.length != numFeatures) {
            throw corrupt(where, "the model has " + numFeatures + " features, the standardization " + scales.length);
        }
        return FeatureScaling.of(means, scales, centered);
    }

    /** The validation's best so far: {@link EarlyStopping#NONE} when the checkpoint has none. */
    private static EarlyStopping earlyStopping(FileSystem fs, Path ckpt, JsonNode meta, int numParams, String where)
            throws IOException {
        JsonNode node = meta.path("earlyStopping");
        if (!node.isObject()) {
            return EarlyStopping.NONE;
        }
        int bestIteration = node.path("bestIteration").asInt(-1);
        int sinceBest = node.path("sinceBest").asInt(-1);
        if (bestIteration < 0 || sinceBest < 0) {
            throw corrupt(where, "earlyStopping needs bestIteration and sinceBest >= 0");
        }
        if (bestIteration == 0) {
            return new EarlyStopping(Double.POSITIVE_INFINITY, 0, sinceBest, null);
        }
        double[] best = doubles(fs, new Path(ckpt, BEST_PARAMS), meta.path("arrays").path("bestParams"), where);
        if (best.length != numParams || !node.path("bestLoss").isNumber()) {
            throw corrupt(where, BEST_PARAMS + " holds " + best.length + " parameters, the model " + numParams
                    + ", or bestLoss is missing");
        }
        return new EarlyStopping(node.path("bestLoss").asDouble(), bestIteration, sinceBest, best);
    }

    private static ObjectNode meta(RunIdentity run, TrainingState state, byte[] params, byte[] slots, byte[] scales,
                                   byte[] means, byte[] best) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("iteration", state.iterations());
        if (state.stopReason() == null) {
            root.putNull("stopReason");
        } else {
            root.put("stopReason", state.stopReason().name());
        }
        root.set("run", run.settings());
        ArrayNode files = root.putObject("data").putArray("files");
        run.files().forEach((path, stamp) -> files.addObject().put("path", path).put("length", stamp.length())
                .put("modificationTime", stamp.modificationTime()));
        // Every random stream derives from (seed, iteration, partition): this is the whole generator state.
        ObjectNode sampling = root.putObject("sampling");
        sampling.put("seed", run.seed());
        sampling.put("nextIteration", state.iterations());
        root.putObject("optimizerState").put("steps", state.optimizerState().steps());
        if (scales == null) {
            root.putNull("standardization");
        } else {
            root.putObject("standardization").put("centered", means != null);
        }
        EarlyStopping early = state.earlyStopping();
        if (early != EarlyStopping.NONE) {
            ObjectNode node = root.putObject("earlyStopping");
            if (early.hasBest()) {
                node.put("bestLoss", early.bestLoss());
            } else {
                node.putNull("bestLoss");
            }
            node.put("bestIteration", early.bestIteration()).put("sinceBest", early.sinceBest());
        }
        ObjectNode arrays = root.putObject("arrays");
        describeArray(arrays.putObject("params"), params);
        describeArray(arrays.putObject("optimizerState"), slots);
        if (scales != null) {
            describeArray(arrays.putObject("featureScales"), scales);
        }
        if (means != null) {
            describeArray(arrays.putObject("featureMeans"), means);
        }
        if (best != null) {
            describeArray(arrays.putObject("bestParams"), best);
        }
        // Spark's version constant lives in its package object, package$ to Java.
        root.set("versions", JSON.valueToTree(Versions.all(org.apache.spark.package$.MODULE$.SPARK_VERSION())));
        return root;
    }

    private static SortedMap<String, FileStamp> files(JsonNode files) {
        SortedMap<String, FileStamp> stamps = new TreeMap<>();
        for (JsonNode file : files) {
            stamps.put(file.path("path").asText(),
                    new FileStamp(file.path("length").asLong(-1), file.path("modificationTime").asLong(-1)));
        }
        return stamps;
    }

    private static void describeArray(ObjectNode node, byte[] bytes) {
        node.put("length", bytes.length / Double.BYTES);
        node.put("crc32", crc32(bytes));
    }

    private static byte[] bytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) {
            buffer.putLong(Double.doubleToRawLongBits(v));
        }
        return buffer.array();
    }

    private static double[] doubles(FileSystem fs, Path file, JsonNode expected, String where) throws IOException {
        byte[] bytes;
        try (FSDataInputStream in = fs.open(file)) {
            bytes = in.readAllBytes();
        }
        int length = expected.path("length").asInt(-1);
        if (bytes.length != (long) length * Double.BYTES) {
            throw corrupt(where, file.getName() + " has " + bytes.length + " bytes, expected " + length + " doubles");
        }
        if (crc32(bytes) != expected.path("crc32").asLong(-1)) {
            throw corrupt(where, file.getName() + " fails its CRC-32 check");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = Double.longBitsToDouble(buffer.getLong());
        }
        return values;
    }

    private static List<IterationRecord> history(FileSystem fs, Path file, String where) throws IOException {
        List<IterationRecord> records = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!IterationRecord.CSV_HEADER.equals(header)
                    && !IterationRecord.CSV_HEADER_WITHOUT_VALIDATION.equals(header)) {
                throw corrupt(where, HISTORY + " does not start with " + IterationRecord.CSV_HEADER);
            }
            int line = 1;
            for (String row = reader.readLine(); row != null; row = reader.readLine()) {
                line++;
                try {
                    records.add(IterationRecord.parseCsvRow(row));
                } catch (IllegalArgumentException e) {
                    throw corrupt(where, HISTORY + ":" + line + ": " + e.getMessage());
                }
            }
        }
        return records;
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static UserInputException corrupt(String where, String what) {
        // One line: the hint must survive a message printed by its first line only.
        String firstLine = what == null ? "" : what.lines().findFirst().orElse("");
        return new UserInputException("checkpoint " + where + " is unreadable: " + firstLine
                + " (delete it to resume from the one before)");
    }

    /** Removes the temporary siblings of writes that never finished (one writer per directory). */
    private void deleteStaging(FileSystem fs) throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(".ckpt-") && name.contains(".tmp-")) {
                fs.delete(status.getPath(), true);
            }
        }
    }

    private void prune() {
        List<Integer> all = iterations();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            for (int i = 0; i < all.size() - KEEP; i++) {
                fs.delete(new Path(dir, name(all.get(i))), true);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot delete old checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }
}
