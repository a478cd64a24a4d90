package org.descent.driver.output;

/**
 * A path a command reads or keeps, which its outputs must never replace or contain: the data
 * (a path spec as {@code --data} takes it: comma list, globs), a model, a checkpoint
 * directory, a config file.
 *
 * @param option   the option that named it, for messages ("--data")
 * @param pathSpec the path as given; a comma-separated list where the option takes one
 */
public record ProtectedPath(String option, String pathSpec) {
}
