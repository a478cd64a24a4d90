package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.driver.cli.BenchEpochsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code descent} command line, and the main class of the jar spark-submit runs: the same
 * arguments work both ways. Exit codes: 0 success, 1 a failure while running (including a
 * diverged training), 2 bad input (usage, configuration, data, paths), which prints one line
 * first and the stack trace only with {@code --verbose}.
 */
@Command(name = "descent", mixinStandardHelpOptions = true, versionProvider = DescentMain.VersionProvider.class,
        description = "Distributed data-parallel gradient descent on Apache Spark.",
        subcommands = {TrainCommand.class, CompareCommand.class, TuneCommand.class, EvaluateCommand.class, PredictCommand.class,
                GenerateCommand.class, ConvertIdxCommand.class, BenchEpochsCommand.class})
public final class DescentMain implements Runnable {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "a command is needed: train, compare, tune, evaluate, predict, generate, convert-idx or bench-epochs");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            CommandArguments expanded = withConfigFile(cli, args);
            cli.setParameterExceptionHandler(new BadOptionReport(expanded.fromConfig()));
            cli.setExecutionExceptionHandler(failureReport(expanded.fromConfig(), args));
            return cli.execute(expanded.arguments());
        } catch (UserInputException e) {
            return report(cli.getErr(), e, verbose, EXIT_BAD_INPUT);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DescentMain());
        cli.setOverwrittenOptionsAllowed(true);
        cli.setExecutionExceptionHandler(failureReport(List.of(), new String[0]));
        return cli;
    }

    /**
     * Reports a failure while running: bad input (exit 2) or anything else (exit 1). A refusal
     * of an option's value that came from a config file, and was not given again on the command
     * line, is named at the file's line: such messages start with the option's key
     * ("model: unknown value 'tree'; ...").
     */
    private static CommandLine.IExecutionExceptionHandler failureReport(List<ConfigFile.Setting> fromConfig,
                                                                       String[] userArgs) {
        return (e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            UserInputException input = causeOf(e, UserInputException.class);
            if (input != null) {
                String located = located(input.getMessage(), fromConfig, userArgs);
                return report(commandLine.getErr(), located == null ? input : new UserInputException(located, input),
                        verbose, EXIT_BAD_INPUT);
            }
            return report(commandLine.getErr(), e, verbose, EXIT_FAILURE);
        };
    }

    /** The message prefixed with the config file line its key came from, or null if it did not. */
    static String located(String message, List<ConfigFile.Setting> fromConfig, String[] userArgs) {
        if (message == null) {
            return null;
        }
        for (int i = fromConfig.size() - 1; i >= 0; i--) {
            ConfigFile.Setting setting = fromConfig.get(i);
            String key = setting.key();
            boolean names = message.startsWith(key + ":") || message.startsWith(key + " ");
            boolean overridden = Arrays.stream(userArgs).anyMatch(a -> a.equals("--" + key) || a.startsWith("--" + key + "="));
            if (names && !overridden) {
                return setting.location() + ": " + message;
            }
        }
        return null;
    }

    /**
     * The arguments a command runs with, and the config file settings among them (empty when
     * there is no {@code --config}), so that an error in one of them can name its file and line.
     */
    record CommandArguments(String[] arguments, List<ConfigFile.Setting> fromConfig) {
        CommandArguments {
            fromConfig = List.copyOf(fromConfig);
        }
    }

    /**
     * Expands {@code --config FILE} of a subcommand into its {@code --key=value} arguments,
     * placed right after the subcommand's name so the command line's own arguments win.
     */
    static CommandArguments withConfigFile(CommandLine cli, String[] args) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String file = null;
            int consumed = 0;
            if (arg.equals("--config") && i + 1 < list.size()) {
                file = list.get(i + 1);
                consumed = 2;
            } else if (arg.startsWith("--config=")) {
                file = arg.substring("--config=".length());
                consumed = 1;
            }
            if (file == null) {
                continue;
            }
            int commandAt = commandIndex(cli, list);
            if (commandAt < 0 || commandAt > i) {
                break;
            }
            CommandLine sub = cli.getSubcommands().get(list.get(commandAt));
            List<ConfigFile.Setting> settings = ConfigFile.settings(file, optionKeys(sub.getCommandSpec()));
            for (int k = 0; k < consumed; k++) {
                list.remove(i);
            }
            list.addAll(commandAt + 1, settings.stream().map(ConfigFile.Setting::argument).toList());
            return new CommandArguments(list.toArray(String[]::new), settings);
        }
        return new CommandArguments(list.toArray(String[]::new), List.of());
    }

    private static int commandIndex(CommandLine cli, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (cli.getSubcommands().containsKey(args.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> optionKeys(CommandSpec spec) {
        Set<String> keys = new HashSet<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (name.startsWith("--") && !option.usageHelp() && !option.versionHelp()) {
                keys.add(name.substring(2));
            }
        }
        keys.remove("config");
        return keys;
    }

    private static int report(PrintWriter err, Throwable e, boolean verbose, int code) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("error: " + message.lines().findFirst().orElse(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"descent " + org.descent.driver.Versions.descent()};
        }
    }
}
