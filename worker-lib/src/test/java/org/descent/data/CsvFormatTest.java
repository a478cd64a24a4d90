package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatTest {

    @Test
    void defaultsAreCommaNoHeaderLabelFirstNoWeight() {
        CsvFormat format = CsvFormat.defaults();

        assertEquals(',', format.delimiter());
        assertFalse(format.hasHeader());
        assertEquals("0", format.labelColumn());
        assertNull(format.weightColumn());
    }

    @ParameterizedTest
    @ValueSource(chars = {'1', 'e', 'E', '.', '-', '+', '"', '\n', '\r'})
    void delimitersThatCouldBePartOfANumberOrAQuoteAreRejected(char delimiter) {
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withDelimiter(delimiter));
    }

    @ParameterizedTest
    @ValueSource(chars = {',', ';', '|', '\t', ' '})
    void commonDelimitersAreAccepted(char delimiter) {
        assertEquals(delimiter, CsvFormat.defaults().withDelimiter(delimiter).delimiter());
    }

    @Test
    void labelAndWeightColumnsMustBeGivenAndDiffer() {
        CsvFormat format = CsvFormat.defaults();

        assertThrows(IllegalArgumentException.class, () -> format.withLabelColumn(null));
        assertThrows(IllegalArgumentException.class, () -> format.withLabelColumn(" "));
        assertThrows(IllegalArgumentException.class, () -> format.withWeightColumn(""));
        assertThrows(IllegalArgumentException.class, () -> format.withWeightColumn("0"));
    }
}
