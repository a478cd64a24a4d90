package org.descent.driver.cli;

import org.descent.driver.CliRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's --help prints its usage and nothing else: no warning, exit 0. */
class HelpTest {

    @Test
    void everyHelpPrintsItsUsageWithoutAWarning() {
        List<List<String>> calls = new ArrayList<>();
        calls.add(List.of("--help"));
        for (String command : DescentMain.commandLine().getSubcommands().keySet()) {
            calls.add(List.of(command, "--help"));
        }
        for (List<String> call : calls) {
            CliRun run = CliRun.of(call.toArray(String[]::new));
            assertEquals(0, run.exitCode(), call + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: descent"), call + ": " + run.out());
            assertFalse(run.out().contains("WARN") || run.err().contains("WARN"), call + ": " + run.err() + run.out());
        }
    }
}
