package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static final CsvFormat NO_HEADER = CsvFormat.defaults();
    private static final CsvFormat HEADER = CsvFormat.defaults().withHeader(true);

    private static DataBlock parseAll(CsvParser parser, String... lines) {
        BlockBuilder builder = new BlockBuilder();
        for (String line : lines) {
            parser.parseLine(line, builder);
        }
        return builder.build(parser.numFeatures(), BlockStorage.DENSE);
    }

    private static MalformedDataException malformed(CsvParser parser, String line) {
        return assertThrows(MalformedDataException.class, () -> parser.parseLine(line, new BlockBuilder()));
    }

    @Test
    void withAHeaderLabelAndWeightAreFoundByNameAndTheOtherColumnsAreFeaturesInOrder() {
        CsvParser parser = CsvParser.forHeader(HEADER.withLabelColumn("price").withWeightColumn("w"),
                "age,w,rooms,price,area");

        DenseBlock block = (DenseBlock) parseAll(parser, "30,2,3,100.5,70", "40,0.5,4,200,-1e2");

        assertEquals(3, parser.numFeatures());
        assertEquals(3, parser.labelColumn());
        assertEquals(1, parser.weightColumn());
        assertArrayEquals(new double[] {30, 3, 70, 40, 4, -100}, block.values());
        assertArrayEquals(new double[] {100.5, 200}, block.labels());
        assertArrayEquals(new double[] {2, 0.5}, block.weights());
    }

    @Test
    void withAHeaderAColumnNumberWorksWhenNoColumnHasThatName() {
        CsvParser parser = CsvParser.forHeader(HEADER.withLabelColumn("2"), "a,b,y");

        DenseBlock block = (DenseBlock) parseAll(parser, "1,2,3");

        assertArrayEquals(new double[] {3}, block.labels());
        assertArrayEquals(new double[] {1, 2}, block.values());
    }

    @Test
    void withAHeaderANameWinsOverTheSameTextAsANumber() {
        CsvParser parser = CsvParser.forHeader(HEADER.withLabelColumn("0"), "x,0");

        assertEquals(1, parser.labelColumn());
    }

    @Test
    void withoutAHeaderColumnsAreNumbersAndTheWeightIsOneByDefault() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,2,3");

        DenseBlock block = (DenseBlock) parseAll(parser, "1,2,3", " 0 , 5 ,\t6\r");

        assertEquals(2, parser.numFeatures());
        assertArrayEquals(new double[] {2, 3, 5, 6}, block.values());
        assertArrayEquals(new double[] {1, 0}, block.labels());
        assertArrayEquals(new double[] {1, 1}, block.weights());
    }

    @Test
    void otherDelimitersAndALastLabelColumnWork() {
        CsvParser semicolon = CsvParser.forFirstRow(NO_HEADER.withDelimiter(';').withLabelColumn("2"), "1;2;3");
        CsvParser tab = CsvParser.forFirstRow(NO_HEADER.withDelimiter('\t').withWeightColumn("1"), "1\t2\t3");

        DenseBlock bySemicolon = (DenseBlock) parseAll(semicolon, "1.5;-2;7");
        DenseBlock byTab = (DenseBlock) parseAll(tab, "1\t2\t3");

        assertArrayEquals(new double[] {1.5, -2}, bySemicolon.values());
        assertArrayEquals(new double[] {7}, bySemicolon.labels());
        assertArrayEquals(new double[] {3}, byTab.values());
        assertArrayEquals(new double[] {2}, byTab.weights());
    }

    @Test
    void zeroFeaturesAreNotStored() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,0,2,0");
        BlockBuilder builder = new BlockBuilder();

        parser.parseLine("1,0,2,-0.0", builder);

        assertEquals(1, builder.numEntries());
        SparseBlock block = (SparseBlock) builder.build(3, BlockStorage.SPARSE);
        assertArrayEquals(new int[] {1}, block.columnIndices());
    }

    @Test
    void blankLinesAndRepeatedHeadersHoldNoRow() {
        CsvParser parser = CsvParser.forHeader(HEADER, "y,x\r");
        BlockBuilder builder = new BlockBuilder();

        assertFalse(parser.parseLine("", builder));
        assertFalse(parser.parseLine("  \t\r", builder));
        assertFalse(parser.parseLine("y,x", builder));
        assertFalse(parser.parseLine("y,x\r", builder));
        assertTrue(parser.parseLine("1,2", builder));
        assertEquals(1, builder.numRows());
    }

    @Test
    void withATabDelimiterALineOfTabsIsEmptyFieldsNotABlankLine() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER.withDelimiter('\t'), "1\t2");

        assertEquals("empty field in label column 0", malformed(parser, "\t").reason());
    }

    @Test
    void aWrongNumberOfFieldsNamesExpectedAndFound() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,2,3");

        MalformedDataException tooFew = malformed(parser, "1,2");
        MalformedDataException tooMany = malformed(parser, "1,2,3,4");

        assertEquals("expected 3 fields, found 2", tooFew.reason());
        assertEquals("1,2", tooFew.token());
        assertEquals("expected 3 fields, found 4", tooMany.reason());
    }

    @Test
    void anEmptyFieldNamesItsColumn() {
        CsvParser withHeader = CsvParser.forHeader(HEADER, "y,age,rooms");
        CsvParser without = CsvParser.forFirstRow(NO_HEADER, "1,2,3");

        assertEquals("empty field in column 2 (rooms)", malformed(withHeader, "1,2, ").reason());
        assertEquals("empty field in column 1", malformed(without, "1,,3").reason());
        assertEquals("empty field in label column 0", malformed(without, ",2,3").reason());
    }

    @Test
    void aNonNumericOrNonFiniteFieldIsReportedWithItsText() {
        CsvParser parser = CsvParser.forHeader(HEADER.withWeightColumn("w"), "y,w,age");

        MalformedDataException feature = malformed(parser, "1,1, forty ");
        MalformedDataException label = malformed(parser, "yes,1,40");
        MalformedDataException infinite = malformed(parser, "1,1,Infinity");
        MalformedDataException notANumber = malformed(parser, "NaN,1,40");

        assertEquals("column 2 (age) is not a number", feature.reason());
        assertEquals("forty", feature.token());
        assertEquals("label column 0 (y) is not a number", label.reason());
        assertEquals("yes", label.token());
        assertEquals("column 2 (age) is not a finite number", infinite.reason());
        assertEquals("Infinity", infinite.token());
        assertEquals("label column 0 (y) is not a finite number", notANumber.reason());
    }

    @Test
    void javaSpellingsOfNumbersAreRefusedAsNotNumbersAndNanAsNotFinite() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,2");

        assertEquals("column 1 is not a number", malformed(parser, "1,0x1p3").reason());
        assertEquals("column 1 is not a number", malformed(parser, "1,1.5f").reason());
        assertEquals("label column 0 is not a number", malformed(parser, "1d,2").reason());
        assertEquals("column 1 is not a finite number", malformed(parser, "1, nan ").reason());
        assertArrayEquals(new double[]{-0.5, 5, 0.0025}, ((DenseBlock) parseAll(parser, "1,-.5", "0,+5.", "1,2.5e-3")).values(),
                "decimal spellings with sign, bare point and exponent are read");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNoPartOfTheHeaderOrOfTheFirstRow() {
        CsvParser withHeader = CsvParser.forHeader(HEADER.withLabelColumn("y"), "\uFEFFy,a,b\r");
        CsvParser without = CsvParser.forFirstRow(NO_HEADER, "\uFEFF1,2,3");

        assertEquals(0, withHeader.labelColumn());
        assertFalse(withHeader.parseLine("y,a,b", new BlockBuilder()), "the header, as tasks read it, is no row");
        assertEquals(3, without.numColumns());
    }

    @Test
    void weightsMustBeFiniteAndNonNegative() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER.withWeightColumn("2"), "1,2,3");

        MalformedDataException negative = malformed(parser, "1,2,-0.5");
        MalformedDataException infinite = malformed(parser, "1,2,1e400");

        assertEquals("weight column 2 must be >= 0", negative.reason());
        assertEquals("-0.5", negative.token());
        assertEquals("weight column 2 is not a finite number", infinite.reason());
        assertEquals(0.0, ((DenseBlock) parseAll(parser, "1,2,0")).weights()[0]);
    }

    @Test
    void aDoubleQuoteIsAClearErrorRatherThanShiftedColumns() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,2,3");

        MalformedDataException quotedComma = malformed(parser, "1,\"2,5\",3");
        MalformedDataException quotedNumber = malformed(parser, "1,2,\"3\"");

        assertEquals("quoted fields are not supported (column 1)", quotedComma.reason());
        assertEquals("\"2", quotedComma.token());
        assertEquals("quoted fields are not supported (column 2)", quotedNumber.reason());
        assertEquals("\"3\"", quotedNumber.token());
    }

    @Test
    void aMalformedLineLeavesTheBuilderAsItWas() {
        CsvParser parser = CsvParser.forFirstRow(NO_HEADER, "1,2,3");
        BlockBuilder builder = new BlockBuilder();
        parser.parseLine("1,2,3", builder);

        assertThrows(MalformedDataException.class, () -> parser.parseLine("4,5,x", builder));

        assertEquals(1, builder.numRows());
        assertEquals(2, builder.numEntries());
    }

    @Test
    void anUnknownNameIsRejectedListingTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forHeader(HEADER.withLabelColumn("prize"), "age, rooms ,price"));

        assertTrue(e.getMessage().contains("'prize' is not in the header; columns are: age, rooms, price"),
                e.getMessage());
    }

    @Test
    void aNameWithoutAHeaderIsRejectedSayingAHeaderIsNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forFirstRow(NO_HEADER.withLabelColumn("price"), "1,2,3"));

        assertTrue(e.getMessage().contains("no header"), e.getMessage());
        assertTrue(e.getMessage().contains("--header (header = true in a config file)"), e.getMessage());
    }

    @Test
    void columnSpecificationsAreCheckedAgainstTheColumns() {
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forFirstRow(NO_HEADER.withLabelColumn("3"), "1,2,3"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forFirstRow(NO_HEADER.withLabelColumn("99999999999"), "1,2,3"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forFirstRow(NO_HEADER.withLabelColumn("-1"), "1,2,3"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forHeader(HEADER.withLabelColumn("y").withWeightColumn("0"), "y,x"));
        assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forHeader(HEADER.withLabelColumn("x"), "x,y,x"));
    }

    @Test
    void headersAreCheckedForQuotesAndForLookingLikeData() {
        assertThrows(IllegalArgumentException.class, () -> CsvParser.forHeader(HEADER, "\"y\",x"));
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> CsvParser.forHeader(HEADER, "1,2.5,3"));
        assertTrue(data.getMessage().contains("looks like data"), data.getMessage());
        assertTrue(data.getMessage().contains("leave out --header (header = true in a config file)"),
                data.getMessage());
    }

    @Test
    void theFactoryMustMatchWhetherTheFormatHasAHeader() {
        assertThrows(IllegalArgumentException.class, () -> CsvParser.forHeader(NO_HEADER, "y,x"));
        assertThrows(IllegalArgumentException.class, () -> CsvParser.forFirstRow(HEADER, "1,2"));
        assertThrows(IllegalArgumentException.class, () -> CsvParser.forFirstRow(NO_HEADER, "  "));
    }

    @Test
    void survivesJavaSerializationAsATaskWouldReceiveIt() throws IOException, ClassNotFoundException {
        CsvParser parser = CsvParser.forHeader(HEADER.withLabelColumn("y"), "x,y");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parser);
        }
        CsvParser copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CsvParser) in.readObject();
        }

        DenseBlock block = (DenseBlock) parseAll(copy, "x,y", "3,4");

        assertArrayEquals(new double[] {3}, block.values());
        assertArrayEquals(new double[] {4}, block.labels());
        assertEquals("column 0 (x) is not a number", malformed(copy, "z,4").reason());
    }
}
