package org.descent.driver.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A training configuration file: one {@code key = value} per line, keys spelled exactly as the
 * command's long options without the leading dashes ({@code lr = 0.1},
 * {@code batch = size=256}), {@code #} starts a comment line, a key may repeat where the
 * option repeats ({@code conf}). The file becomes command-line arguments placed before the
 * user's own, so anything given on the command line wins. Read through Hadoop, so a config
 * can live on HDFS beside the data.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * One {@code key = value} line of a config file, with where it was written: a bad value
     * found later, when the options are parsed, is reported at its file and line.
     */
    public record Setting(String key, String value, String file, int line) {

        /** The command-line argument this setting stands for. */
        public String argument() {
            return "--" + key + "=" + value;
        }

        /** {@code FILE:LINE}, as error messages name it. */
        public String location() {
            return file + ":" + line;
        }
    }

    /**
     * The settings of a config file, in file order; unknown keys and malformed lines are errors
     * naming the file, line and what is allowed.
     */
    public static List<Setting> settings(String file, Set<String> allowedKeys) {
        List<String> lines = read(file);
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = file + ":" + (i + 1);
            if (eq <= 0) {
                throw new UserInputException(where + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (key.equals("config")) {
                throw new UserInputException(where + ": a config file cannot include another ('config' key)");
            }
            if (!allowedKeys.contains(key)) {
                throw new UserInputException(where + ": unknown key '" + key + "'; allowed keys: "
                        + String.join(", ", new TreeSet<>(allowedKeys)));
            }
            settings.add(new Setting(key, value, file, i + 1));
        }
        return settings;
    }

    private static List<String> read(String file) {
        Path path = new Path(file);
        try (FSDataInputStream in = path.getFileSystem(new Configuration()).open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("config file does not exist: " + file);
        } catch (IOException e) {
            throw new UserInputException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }
}
