package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.driver.compare.RunSetting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code --run 'NAME: OPTIONS'} of {@code descent compare}, e.g.
 * {@code 'adam: --batch size=256 --optimizer adam --lr 0.01'}: a name for the report and
 * training options, separated by spaces, that override the comparison's shared ones.
 *
 * <p>The run's configuration is parsed exactly as {@code train} parses its own: the shared
 * options and then the run's go through a fresh {@link TrainingOptions}, so the vocabulary,
 * defaults and checks are the same, and every error names the run.
 */
record RunSpec(String name, List<String> arguments) {

    /** Names fit a table cell, a CSV field and a legend: no spaces, commas or quotes. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    static final String FORM = "'NAME: OPTIONS', NAME of letters, digits, '_', '.', '+', '-' "
            + "(e.g. 'adam: --optimizer adam --lr 0.01')";

    RunSpec {
        arguments = List.copyOf(arguments);
    }

    static RunSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? "" : spec.substring(0, colon).trim();
        if (colon < 0 || !NAME.matcher(name).matches()) {
            throw new UserInputException("run: expected " + FORM + ", got '" + spec + "'");
        }
        String options = spec.substring(colon + 1).trim();
        return new RunSpec(name, options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")));
    }

    /** The validated setting: {@code shared} options, then this run's, which win. */
    RunSetting toSetting(List<String> shared) {
        RunOptions options = new RunOptions();
        CommandLine cli = new CommandLine(options);
        cli.setOverwrittenOptionsAllowed(true);
        List<String> args = new ArrayList<>(shared);
        args.addAll(arguments);
        try {
            cli.parseArgs(args.toArray(String[]::new));
            return new RunSetting(name, String.join(" ", arguments), options.training.toConfig());
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new UserInputException("run '" + name + "': " + e.getMessage()
                    + " (a run takes training options; data, output and Spark options are shared)", e);
        } catch (CommandLine.ParameterException | UserInputException e) {
            throw new UserInputException("run '" + name + "': " + e.getMessage(), e);
        }
    }

    /** The options a run may set: the training options, nothing else (data and output are shared). */
    @Command(name = "run")
    static final class RunOptions {
        @Mixin
        TrainingOptions training;
    }
}
