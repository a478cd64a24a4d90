package org.descent.driver.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descent.data.CsvFormat;
import org.descent.driver.UserInputException;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLayout;
import org.descent.driver.load.FrameColumns;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** model.json records how the training data was laid out; a model file without that record still reads. */
class DataLayoutJsonTest {

    static TrainedModel model(DataLayout data) {
        return new TrainedModel(new ModelSpec(ModelKind.LINEAR, 2, 0, true), new double[]{0.5, -1, 2}, new double[0],
                Map.of(), Map.of(), data);
    }

    @Test
    void eachLayoutRoundTripsInTheOptionsOwnWords() throws Exception {
        List<DataLayout> layouts = List.of(
                new DataLayout(DataFormat.LIBSVM, CsvFormat.defaults(), null),
                new DataLayout(DataFormat.CSV, new CsvFormat(';', true, "price", "w"), null),
                new DataLayout(DataFormat.PARQUET, null, FrameColumns.vector("y", "x").withWeight("w")),
                new DataLayout(DataFormat.JSON, null, FrameColumns.numeric("label", List.of("a", "b"))));
        for (DataLayout layout : layouts) {
            DataLayout read = ModelFile.parse(ModelFileTest.json(model(layout)), "m").data();
            assertEquals(layout.format(), read.format());
            assertEquals(layout.columns(), read.columns());
            if (layout.format() == DataFormat.CSV) {
                assertEquals(layout.csv(), read.csv());
            }
        }
        assertEquals("{\"format\":\"csv\",\"delimiter\":\";\",\"header\":true,\"labelCol\":\"price\",\"weightCol\":\"w\"}",
                ModelFileTest.json(model(layouts.get(1))).get("data").toString());
    }

    @Test
    void aModelFileWrittenBeforeTheLayoutWasRecordedStillReads() throws Exception {
        ObjectNode old = (ObjectNode) ModelFileTest.json(model(new DataLayout(DataFormat.PARQUET, null, FrameColumns.vector("y", "x"))));
        old.remove("data");
        TrainedModel read = ModelFile.parse(old, "m");
        assertNull(read.data(), "no layout: evaluate and predict use the options' defaults");
        assertEquals(2, read.spec().numFeatures());
    }

    @Test
    void aDamagedLayoutIsRefusedNamingTheField() throws Exception {
        ObjectNode root = (ObjectNode) ModelFileTest.json(model(new DataLayout(DataFormat.PARQUET, null, FrameColumns.vector("y", "x"))));
        ((ObjectNode) root.get("data")).put("format", "avro");
        assertEquals("m: 'data': format: unknown value 'avro'; allowed: libsvm, csv, parquet, orc, json",
                assertThrows(UserInputException.class, () -> ModelFile.parse(root, "m")).getMessage());
    }
}
