package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LibSvmParserTest {

    private final LibSvmParser parser = new LibSvmParser();

    private static SparseBlock parseAll(String... lines) {
        LibSvmParser parser = new LibSvmParser();
        BlockBuilder builder = new BlockBuilder();
        for (String line : lines) {
            parser.parseLine(line, builder);
        }
        return (SparseBlock) builder.build(builder.maxColumnIndex() + 1, BlockStorage.SPARSE);
    }

    @Test
    void goodLinesBecomeZeroBasedCsrRowsWithWeightOne() {
        SparseBlock block = parseAll(
                "1 1:0.5 3:2",
                "-1\t2:1e-3\t 4:-2.5E2   ",
                "+1 1:1 # trailing comment 9:9",
                "0",
                "2.5 10:.25\r");

        assertEquals(5, block.numRows());
        assertArrayEquals(new int[] {0, 2, 4, 5, 5, 6}, block.rowPointers());
        assertArrayEquals(new int[] {0, 2, 1, 3, 0, 9}, block.columnIndices());
        assertArrayEquals(new double[] {0.5, 2.0, 1e-3, -250.0, 1.0, 0.25}, block.values());
        assertArrayEquals(new double[] {1.0, -1.0, 1.0, 0.0, 2.5}, block.labels());
        assertArrayEquals(new double[] {1.0, 1.0, 1.0, 1.0, 1.0}, block.weights());
    }

    @Test
    void explicitZerosAreKeptAsSparkKeepsThem() {
        SparseBlock block = parseAll("1 2:0 7:0.0");

        assertArrayEquals(new int[] {1, 6}, block.columnIndices());
        assertArrayEquals(new double[] {0.0, 0.0}, block.values());
        assertEquals(7, block.numFeatures());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "\r", "# a comment", "  \t# an indented comment", "#1 1:1"})
    void blankAndCommentLinesHoldNoRow(String line) {
        BlockBuilder builder = new BlockBuilder();

        assertFalse(parser.parseLine(line, builder));
        assertEquals(0, builder.numRows());
    }

    @Test
    void aLineWithARowReturnsTrue() {
        assertTrue(parser.parseLine("3 1:1", new BlockBuilder()));
    }

    @Test
    void largestIndexIsIntegerMaxValue() {
        BlockBuilder builder = new BlockBuilder();

        parser.parseLine("1 2147483647:4", builder);

        assertEquals(Integer.MAX_VALUE - 1, builder.maxColumnIndex());
    }

    @Test
    void numbersAreBitIdenticalToDoubleParseDouble() {
        Random random = new Random(42);
        String[] fixed = {"0.1", "-0.0", "1e-320", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308",
                "9007199254740993", "0.30000000000000004", "123456789012345678901234567890", "1E5", "7"};
        StringBuilder line = new StringBuilder("0.1");
        int index = 1;
        for (String text : fixed) {
            line.append(' ').append(index++).append(':').append(text);
        }
        String[] random200 = new String[200];
        for (int i = 0; i < random200.length; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(x)) {
                x = random.nextGaussian();
            }
            random200[i] = i % 2 == 0 ? Double.toString(x) : String.format(Locale.ROOT, "%.20e", x);
            line.append(' ').append(index++).append(':').append(random200[i]);
        }

        SparseBlock block = parseAll(line.toString());

        double[] values = block.values();
        for (int k = 0; k < fixed.length; k++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(fixed[k])),
                    Double.doubleToRawLongBits(values[k]), fixed[k]);
        }
        for (int k = 0; k < random200.length; k++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(random200[k])),
                    Double.doubleToRawLongBits(values[fixed.length + k]), random200[k]);
        }
        assertEquals(Double.doubleToRawLongBits(0.1), Double.doubleToRawLongBits(block.labels()[0]));
    }

    static Stream<Arguments> malformedLines() {
        return Stream.of(
                Arguments.of("yes 1:1", "label is not a number", "yes"),
                Arguments.of("1:1 2:2", "label is not a number", "1:1"),
                Arguments.of("NaN 1:1", "label is not a finite number", "NaN"),
                Arguments.of("-Infinity", "label is not a finite number", "-Infinity"),
                Arguments.of("1e999 1:1", "label is not a finite number", "1e999"),
                Arguments.of("nan 1:1", "label is not a finite number", "nan"),
                Arguments.of("0x1p3 1:1", "label is not a number", "0x1p3"),
                Arguments.of("1d 1:1", "label is not a number", "1d"),
                Arguments.of("1 1:1 3", "feature has no ':' between index and value", "3"),
                Arguments.of("1 0:1", "index is not a positive integer", "0:1"),
                Arguments.of("1 -2:1", "index is not a positive integer", "-2:1"),
                Arguments.of("1 x:1", "index is not a positive integer", "x:1"),
                Arguments.of("1 :1", "index is not a positive integer", ":1"),
                Arguments.of("1 2.0:1", "index is not a positive integer", "2.0:1"),
                Arguments.of("1 qid:3 1:1", "index is not a positive integer", "qid:3"),
                Arguments.of("1 2147483648:1", "index is not a positive integer", "2147483648:1"),
                Arguments.of("1 7:1 5:1", "indices must be strictly ascending, 5 after 7", "5:1"),
                Arguments.of("1 4:1 4:2", "indices must be strictly ascending, 4 after 4", "4:2"),
                Arguments.of("1 1:abc", "value is not a number", "1:abc"),
                Arguments.of("1 1:", "value is not a number", "1:"),
                Arguments.of("1 1:2:3", "value is not a number", "1:2:3"),
                Arguments.of("1 1:2#c", "value is not a number", "1:2#c"),
                Arguments.of("1 1:NaN", "value is not a finite number", "1:NaN"),
                Arguments.of("1 1:Infinity", "value is not a finite number", "1:Infinity"),
                Arguments.of("1 1:-1e400", "value is not a finite number", "1:-1e400"),
                Arguments.of("1 1:inf", "value is not a finite number", "1:inf"),
                Arguments.of("1 1:0x1p3", "value is not a number", "1:0x1p3"),
                Arguments.of("1 1:1.5f", "value is not a number", "1:1.5f"),
                Arguments.of("1 1:+-1", "value is not a number", "1:+-1"));
    }

    @ParameterizedTest
    @MethodSource("malformedLines")
    void malformedLinesAreReportedWithReasonAndTokenButNoLocation(String line, String reason, String token) {
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> parser.parseLine(line, new BlockBuilder()));

        assertEquals(reason, e.reason());
        assertEquals(token, e.token());
        assertNull(e.source());
        assertEquals(MalformedDataException.UNKNOWN_LINE, e.lineNumber());
    }

    @Test
    void aMalformedLineLeavesTheBuilderAsItWas() {
        BlockBuilder builder = new BlockBuilder();
        parser.parseLine("1 1:1", builder);

        assertThrows(MalformedDataException.class, () -> parser.parseLine("2 2:2 9:x", builder));
        parser.parseLine("3 3:3", builder);

        SparseBlock block = (SparseBlock) builder.build(3, BlockStorage.SPARSE);
        assertArrayEquals(new int[] {0, 1, 2}, block.rowPointers());
        assertArrayEquals(new int[] {0, 2}, block.columnIndices());
        assertArrayEquals(new double[] {1.0, 3.0}, block.labels());
        assertEquals(2, builder.maxColumnIndex());
    }

    @Test
    void parsesAnyCharSequence() {
        BlockBuilder builder = new BlockBuilder();

        parser.parseLine(new StringBuilder("1 2:3"), builder);

        assertEquals(1, builder.maxColumnIndex());
    }
}
