package org.descent.driver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the command line reports an option picocli cannot parse (a value of the wrong type, an
 * unknown option, a missing one): one {@code error:} line and exit code 2, instead of picocli's
 * message followed by the whole usage. A value that came from a config file is reported at its
 * file and line, in the file's terms ({@code lr}, not {@code --lr}); one from the command line
 * is followed by a hint to run the command's {@code --help}.
 */
final class BadOptionReport implements CommandLine.IParameterExceptionHandler {

    private final List<ConfigFile.Setting> fromConfig;

    BadOptionReport(List<ConfigFile.Setting> fromConfig) {
        this.fromConfig = List.copyOf(fromConfig);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        Optional<ConfigFile.Setting> setting = settingOf(e);
        if (setting.isPresent()) {
            String key = setting.get().key();
            String message = e.getMessage().replace("option '--" + key + "'", "key '" + key + "'");
            err.println("error: " + setting.get().location() + ": " + firstLine(message));
        } else {
            err.println("error: " + firstLine(e.getMessage()));
            err.println(suggestion(e) + "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        }
        if (Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace(err);
        }
        err.flush();
        return DescentMain.EXIT_BAD_INPUT;
    }

    /**
     * The config file setting the failing value came from, if it did. Picocli stops at the first
     * bad argument, and a config file's arguments come before the command line's, so the first
     * setting of that option with that value is the one that failed; a value picocli does not
     * report (a missing option, say) is never attributed to a file.
     */
    private Optional<ConfigFile.Setting> settingOf(ParameterException e) {
        if (!(e.getArgSpec() instanceof OptionSpec option) || e.getValue() == null) {
            return Optional.empty();
        }
        return fromConfig.stream()
                .filter(s -> option.longestName().equals("--" + s.key()) && s.value().equals(e.getValue()))
                .findFirst();
    }

    private static String suggestion(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? ";
        }
        return "";
    }

    /** Picocli's messages start with a capital; Descent's error lines do not. */
    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse(message);
        return line.isEmpty() ? line : line.substring(0, 1).toLowerCase(Locale.ROOT) + line.substring(1);
    }
}
