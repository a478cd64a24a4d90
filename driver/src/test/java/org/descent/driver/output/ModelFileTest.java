package org.descent.driver.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descent.driver.UserInputException;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Activation;
import org.descent.model.MlpLayout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** model.json for networks: written per layer, one row per unit, and read back exactly. */
class ModelFileTest {

    static TrainedModel network(ProblemType task, int numClasses, double[] classes) {
        ModelSpec spec = ModelSpec.mlp(5, numClasses,
                new NetworkShape(List.of(4, 3), List.of(Activation.TANH, Activation.RELU), task));
        double[] params = new Random(1).doubles(spec.layout().numParams(), -1, 1).toArray();
        return new TrainedModel(spec, params, classes, Map.of("model", "mlp"), Map.of("descent", "test"));
    }

    static JsonNode json(TrainedModel model) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(model, out);
        return ModelFile.JSON.readTree(out.toByteArray());
    }

    @Test
    void aNetworkRoundTripsBitForBit() throws Exception {
        for (TrainedModel model : List.of(network(ProblemType.MULTICLASS, 3, new double[] {0, 1, 2}),
                network(ProblemType.REGRESSION, 0, new double[0]))) {
            TrainedModel read = ModelFile.parse(json(model), "test");
            assertEquals(model.spec(), read.spec());
            assertArrayEquals(model.params(), read.params(), 0.0);
            assertArrayEquals(model.classes(), read.classes(), 0.0);
        }
    }

    @Test
    void layersAreWrittenOneRowPerUnit() throws Exception {
        TrainedModel model = network(ProblemType.MULTICLASS, 3, new double[] {0, 1, 2});
        MlpLayout layout = model.spec().mlpLayout();
        JsonNode layer1 = json(model).get("layers").get(1);
        // Unit 2 of the second hidden layer: its weight from input (hidden unit) 3, and its bias.
        assertEquals(model.params()[layout.weightIndex(1, 3, 2)], layer1.get("weights").get(2).get(3).asDouble());
        assertEquals(model.params()[layout.biasOffset(1) + 2], layer1.get("biases").get(2).asDouble());
    }

    @Test
    void aDamagedNetworkIsRefusedNamingWhatIsWrong() throws Exception {
        ObjectNode root = (ObjectNode) json(network(ProblemType.MULTICLASS, 3, new double[] {0, 1, 2}));
        ((ArrayNode) root.get("layers").get(1).get("weights")).remove(0);
        UserInputException rows = assertThrows(UserInputException.class, () -> ModelFile.parse(root, "m.json"));
        assertEquals("m.json: layers[1].weights must be 3 rows", rows.getMessage());

        ObjectNode other = (ObjectNode) json(network(ProblemType.MULTICLASS, 3, new double[] {0, 1, 2}));
        ((ArrayNode) other.get("activations")).set(0, "swish");
        UserInputException activation = assertThrows(UserInputException.class, () -> ModelFile.parse(other, "m.json"));
        assertTrue(activation.getMessage().contains("unknown activation 'swish'; allowed: relu, tanh, sigmoid"),
                activation.getMessage());

        ObjectNode task = (ObjectNode) json(network(ProblemType.MULTICLASS, 3, new double[] {0, 1, 2}));
        task.put("task", "ranking");
        UserInputException taskError = assertThrows(UserInputException.class, () -> ModelFile.parse(task, "m.json"));
        assertEquals("m.json: task: unknown value 'ranking'; allowed: classification, regression", taskError.getMessage());
    }
}
