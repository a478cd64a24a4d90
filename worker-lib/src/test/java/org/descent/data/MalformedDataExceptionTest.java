package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MalformedDataExceptionTest {

    @Test
    void messageIsSourceLineReasonAndQuotedToken() {
        MalformedDataException e = new MalformedDataException("data/train.svm", 17,
                "0:1.5", "index is not a positive integer");

        assertEquals("data/train.svm:17: index is not a positive integer: '0:1.5'", e.getMessage());
    }

    @Test
    void unknownPartsAreLeftOutOfTheMessage() {
        assertEquals("value is not a number: 'x'", new MalformedDataException("x", "value is not a number").getMessage());
        assertEquals("line 3: bad", new MalformedDataException(null, 3, null, "bad").getMessage());
        assertEquals("f.csv: bad: 't'", new MalformedDataException("f.csv", MalformedDataException.UNKNOWN_LINE,
                "t", "bad").getMessage());
    }

    @Test
    void withLocationKeepsReasonTokenAndStackTrace() {
        MalformedDataException thrown = new MalformedDataException("yes", "label is not a number");

        MalformedDataException located = thrown.withLocation("in.csv", 42);

        assertEquals("in.csv", located.source());
        assertEquals(42, located.lineNumber());
        assertEquals("label is not a number", located.reason());
        assertEquals("yes", located.token());
        assertEquals("in.csv:42: label is not a number: 'yes'", located.getMessage());
        assertArrayEquals(thrown.getStackTrace(), located.getStackTrace());
        assertNull(thrown.source());
        assertEquals(MalformedDataException.UNKNOWN_LINE, thrown.lineNumber());
    }

    @Test
    void longTokensAreCutToFortyCharacters() {
        String longToken = "1234567890".repeat(10);

        MalformedDataException e = new MalformedDataException(longToken, "value is not a number");

        assertEquals(MalformedDataException.MAX_TOKEN_CHARS, e.token().length());
        assertEquals(longToken.substring(0, 37) + "...", e.token());
        assertEquals("x".repeat(40), new MalformedDataException("x".repeat(40), "r").token());
    }

    @Test
    void lineNumbersAreOneBasedOrUnknown() {
        MalformedDataException e = new MalformedDataException("t", "bad");

        assertThrows(IllegalArgumentException.class, () -> e.withLocation("f", 0));
        assertThrows(IllegalArgumentException.class, () -> new MalformedDataException("t", null));
    }
}
