package org.descent.driver.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Activation;
import org.descent.model.LinearLayout;
import org.descent.model.MlpLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code model.json} format: plain JSON data, read with a JSON parser and validated field
 * by field, never with Java deserialization. Weights are written as a matrix (one row per
 * output) and intercepts as a vector, so other tools can read them without knowing the flat
 * layout.
 */
public final class ModelFile {

    public static final String NAME = "model.json";
    /**
     * The directory of a saved spark.ml model ({@code org.descent.driver.ml}) that holds its
     * model.json, beside spark.ml's {@code metadata}: spark.ml's own models keep their data in
     * {@code data} too.
     */
    public static final String SPARK_ML_DATA = "data";
    public static final String FORMAT = "descent-model";
    public static final int FORMAT_VERSION = 1;
    /** What {@code descent train} writes to {@code --out}: this file, the history and the summary. */
    public static final OutputKind DIRECTORY = OutputKind.directoryOf("model directory", NAME,
            TrainingReport.HISTORY, TrainingReport.SUMMARY);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    public static void write(TrainedModel model, OutputStream out) throws IOException {
        ModelSpec spec = model.spec();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", spec.kind().spelling());
        root.put("loss", spec.task().loss(spec.numClasses()).name());
        root.put("numFeatures", spec.numFeatures());
        root.put("numClasses", spec.numClasses());
        ArrayNode classes = root.putArray("classes");
        for (double c : model.classes()) {
            classes.add(c);
        }
        root.put("fitIntercept", spec.fitIntercept());
        if (spec.kind() == ModelKind.MLP) {
            writeNetwork(spec, model.params(), root);
        } else {
            writeLinear(spec.linearLayout(), model.params(), root);
        }
        root.set("trainingConfig", JSON.valueToTree(model.trainingConfig()));
        root.set("versions", JSON.valueToTree(model.versions()));
        if (model.data() != null) {
            DataLayoutJson.write(model.data(), root);
        }
        out.write(JSON.writeValueAsBytes(root));
    }

    /** {@code weights}: one row per output; {@code intercepts}: one per output, or none. */
    private static void writeLinear(LinearLayout layout, double[] params, ObjectNode root) {
        ArrayNode weights = root.putArray("weights");
        for (int k = 0; k < layout.numOutputs(); k++) {
            ArrayNode row = weights.addArray();
            for (int j = 0; j < layout.numFeatures(); j++) {
                row.add(params[layout.weightIndex(k, j)]);
            }
        }
        ArrayNode intercepts = root.putArray("intercepts");
        if (layout.fitIntercept()) {
            for (int k = 0; k < layout.numOutputs(); k++) {
                intercepts.add(params[layout.interceptIndex(k)]);
            }
        }
    }

    /**
     * {@code task}, {@code hiddenLayers} (widths), {@code activations} (one per hidden layer)
     * and {@code layers}: per layer, {@code weights} with one row per unit of the layer (its
     * weights from every input, as a linear model's rows) and {@code biases}, one per unit.
     */
    private static void writeNetwork(ModelSpec spec, double[] params, ObjectNode root) {
        writeShape(spec.network(), root);
        MlpLayout layout = spec.mlpLayout();
        ArrayNode layers = root.putArray("layers");
        for (int k = 0; k < layout.numLayers(); k++) {
            ObjectNode layer = layers.addObject();
            ArrayNode weights = layer.putArray("weights");
            for (int unit = 0; unit < layout.width(k + 1); unit++) {
                ArrayNode row = weights.addArray();
                for (int input = 0; input < layout.width(k); input++) {
                    row.add(params[layout.weightIndex(k, input, unit)]);
                }
            }
            ArrayNode biases = layer.putArray("biases");
            for (int unit = 0; unit < layout.width(k + 1); unit++) {
                biases.add(params[layout.biasOffset(k) + unit]);
            }
        }
    }

    /**
     * Reads the model of a directory from any Hadoop path: {@code DIR/model.json}, as
     * {@code descent train} writes it, or else {@code DIR/data/model.json}, as a saved spark.ml
     * model keeps it beside spark.ml's {@code DIR/metadata}.
     */
    public static TrainedModel read(String modelDir, Configuration conf) {
        Path path = new Path(modelDir, NAME);
        Path inSparkMl = sparkMlFile(modelDir);
        JsonNode root;
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.exists(path) && fs.exists(inSparkMl)) {
                path = inSparkMl;
            }
            try (FSDataInputStream in = fs.open(path)) {
                root = JSON.readTree(in);
            }
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("no model at " + modelDir + ": " + path + " does not exist (nor "
                    + inSparkMl + ", where a saved spark.ml model keeps it)");
        } catch (IOException e) {
            throw new UserInputException("cannot read model " + path + ": " + e.getMessage(), e);
        }
        return parse(root, path.toString());
    }

    /** Where a saved spark.ml model directory keeps its model.json: {@code DIR/data/model.json}. */
    public static Path sparkMlFile(String modelDir) {
        return new Path(new Path(modelDir, SPARK_ML_DATA), NAME);
    }

    static TrainedModel parse(JsonNode root, String where) {
        if (!FORMAT.equals(text(root, "format", where))) {
            throw new UserInputException(where + ": not a Descent model (format is not '" + FORMAT + "')");
        }
        int version = integer(root, "formatVersion", where);
        if (version != FORMAT_VERSION) {
            throw new UserInputException(where + ": model format version " + version + " is not supported (this Descent reads "
                    + FORMAT_VERSION + ")");
        }
        ModelKind kind;
        try {
            kind = ModelKind.valueOf(text(root, "kind", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": unknown model kind '" + root.get("kind").asText() + "'");
        }
        ModelSpec spec;
        try {
            int numFeatures = integer(root, "numFeatures", where);
            int numClasses = integer(root, "numClasses", where);
            spec = kind == ModelKind.MLP ? ModelSpec.mlp(numFeatures, numClasses, readShape(root, where))
                    : new ModelSpec(kind, numFeatures, numClasses, root.path("fitIntercept").asBoolean(true));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": " + e.getMessage());
        }
        double[] params = kind == ModelKind.MLP ? networkParams(spec.mlpLayout(), root, where)
                : linearParams(spec, root, where);
        double[] classes = classes(root.path("classes"), spec, where);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = JSON.convertValue(root.path("trainingConfig"), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> versions = JSON.convertValue(root.path("versions"), Map.class);
        return new TrainedModel(spec, params, classes, config == null ? Map.of() : config,
                versions == null ? Map.of() : versions, DataLayoutJson.read(root, where));
    }

    /*
     * The arrays' sizes are checked against the sizes the header claims before anything is
     * allocated from those claims: the parsed arrays are bounded by the file's size, the claims
     * are not (numFeatures 2000000000 with five weights must be refused, not allocated).
     */

    private static double[] linearParams(ModelSpec spec, JsonNode root, String where) {
        LinearLayout layout = spec.linearLayout();
        JsonNode weights = root.path("weights");
        if (!weights.isArray() || weights.size() != layout.numOutputs()) {
            throw new UserInputException(where + ": 'weights' must be " + layout.numOutputs() + " rows, one per "
                    + (layout.numOutputs() == 1 ? "model output" : "class"));
        }
        for (int k = 0; k < layout.numOutputs(); k++) {
            JsonNode row = weights.get(k);
            if (!row.isArray() || row.size() != layout.numFeatures()) {
                throw new UserInputException(where + ": weights row " + k + " has " + row.size()
                        + " numbers, but numFeatures is " + layout.numFeatures());
            }
        }
        JsonNode intercepts = root.path("intercepts");
        int expected = spec.fitIntercept() ? layout.numOutputs() : 0;
        if (!intercepts.isArray() || intercepts.size() != expected) {
            throw new UserInputException(where + ": 'intercepts' must have " + expected + " numbers");
        }
        double[] params = new double[layout.numParams()];
        for (int k = 0; k < layout.numOutputs(); k++) {
            JsonNode row = weights.get(k);
            for (int j = 0; j < layout.numFeatures(); j++) {
                params[layout.weightIndex(k, j)] = number(row.get(j), where, "weights");
            }
        }
        for (int k = 0; k < expected; k++) {
            params[layout.interceptIndex(k)] = number(intercepts.get(k), where, "intercepts");
        }
        return params;
    }

    /** A network's {@code task}, {@code hiddenLayers} and {@code activations} fields (model files, checkpoints). */
    public static void writeShape(NetworkShape network, ObjectNode node) {
        node.put("task", network.taskSpelling());
        ArrayNode hidden = node.putArray("hiddenLayers");
        network.hiddenWidths().forEach(hidden::add);
        ArrayNode activations = node.putArray("activations");
        network.activations().forEach(a -> activations.add(a.spelling()));
    }

    /** Reads what {@link #writeShape} wrote; a problem is a UserInputException naming {@code where}. */
    public static NetworkShape readShape(JsonNode root, String where) {
        ProblemType task;
        try {
            task = NetworkShape.parseTask(text(root, "task", where));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": " + e.getMessage());
        }
        JsonNode hidden = root.path("hiddenLayers");
        JsonNode activations = root.path("activations");
        if (!hidden.isArray() || !activations.isArray()) {
            throw new UserInputException(where + ": an mlp needs the arrays 'hiddenLayers' and 'activations'");
        }
        List<Integer> widths = new ArrayList<>();
        for (JsonNode width : hidden) {
            if (!width.canConvertToInt()) {
                throw new UserInputException(where + ": 'hiddenLayers' holds a value that is not an integer");
            }
            widths.add(width.asInt());
        }
        List<Activation> parsed = new ArrayList<>();
        for (JsonNode name : activations) {
            try {
                parsed.add(Activation.parse(name.asText()));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(where + ": 'activations': " + e.getMessage());
            }
        }
        return new NetworkShape(widths, parsed, task);
    }

    private static double[] networkParams(MlpLayout layout, JsonNode root, String where) {
        JsonNode layers = root.path("layers");
        if (!layers.isArray() || layers.size() != layout.numLayers()) {
            throw new UserInputException(where + ": 'layers' must hold " + layout.numLayers() + " layers");
        }
        for (int k = 0; k < layout.numLayers(); k++) {
            String what = "layers[" + k + "]";
            JsonNode weights = layers.get(k).path("weights");
            if (!weights.isArray() || weights.size() != layout.width(k + 1)) {
                throw new UserInputException(where + ": " + what + ".weights must be " + layout.width(k + 1) + " rows");
            }
            for (int unit = 0; unit < layout.width(k + 1); unit++) {
                JsonNode row = weights.get(unit);
                if (!row.isArray() || row.size() != layout.width(k)) {
                    throw new UserInputException(where + ": " + what + ".weights row " + unit + " must have "
                            + layout.width(k) + " numbers");
                }
            }
            JsonNode biases = layers.get(k).path("biases");
            if (!biases.isArray() || biases.size() != layout.width(k + 1)) {
                throw new UserInputException(where + ": " + what + ".biases must have " + layout.width(k + 1) + " numbers");
            }
        }
        double[] params = new double[layout.numParams()];
        for (int k = 0; k < layout.numLayers(); k++) {
            String what = "layers[" + k + "]";
            JsonNode weights = layers.get(k).path("weights");
            for (int unit = 0; unit < layout.width(k + 1); unit++) {
                JsonNode row = weights.get(unit);
                for (int input = 0; input < layout.width(k); input++) {
                    params[layout.weightIndex(k, input, unit)] = number(row.get(input), where, what + ".weights");
                }
            }
            JsonNode biases = layers.get(k).path("biases");
            for (int unit = 0; unit < layout.width(k + 1); unit++) {
                params[layout.biasOffset(k) + unit] = number(biases.get(unit), where, what + ".biases");
            }
        }
        return params;
    }

    /** The labels the classes stand for, as training writes them: {0, 1} or {-1, 1}; 0..K-1; none. */
    private static double[] classes(JsonNode node, ModelSpec spec, String where) {
        if (!node.isArray() || node.size() != spec.numClasses()) {
            throw new UserInputException(where + ": 'classes' must have " + spec.numClasses() + " labels");
        }
        double[] classes = new double[node.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = number(node.get(i), where, "classes");
        }
        boolean valid = switch (spec.task()) {
            case REGRESSION -> true;
            case BINARY -> (classes[0] == 0 || classes[0] == -1) && classes[1] == 1;
            case MULTICLASS -> java.util.stream.IntStream.range(0, classes.length).allMatch(i -> classes[i] == i);
        };
        if (!valid) {
            throw new UserInputException(where + ": 'classes' must be " + (spec.task() == ProblemType.BINARY
                    ? "[0, 1] or [-1, 1]" : "[0, 1, ..., " + (classes.length - 1) + "]") + ", got "
                    + java.util.Arrays.toString(classes));
        }
        return classes;
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new UserInputException(where + ": missing text field '" + field + "'");
        }
        return node.asText();
    }

    private static int integer(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new UserInputException(where + ": missing integer field '" + field + "'");
        }
        return node.asInt();
    }

    private static double number(JsonNode node, String where, String field) {
        if (node == null || !node.isNumber()) {
            throw new UserInputException(where + ": '" + field + "' holds a value that is not a number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw new UserInputException(where + ": '" + field + "' holds " + node.asText()
                    + ", which is not a finite double");
        }
        return value;
    }
}
