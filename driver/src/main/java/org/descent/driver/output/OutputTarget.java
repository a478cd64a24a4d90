package org.descent.driver.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.descent.driver.UserInputException;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command will write one output, of which kind, and whether it may replace an earlier
 * one. {@link #check} runs before any data is loaded, so a run that could not publish its
 * result is refused before it starts, and {@link AtomicOutput} checks again when it publishes.
 *
 * @param option    the option that named the path ("--out"), for messages
 * @param overwrite whether an existing output of the same kind may be replaced
 */
public record OutputTarget(String option, String path, OutputKind kind, boolean overwrite) {

    /**
     * Refuses the target if it is, contains or lies inside a directory of any of
     * {@code inputs} (data directories are read recursively, so an output inside one would be
     * read as data next time), if it exists and {@code --overwrite} was not given, or if it
     * exists and is not an earlier output of its kind.
     */
    public void check(Configuration conf, List<ProtectedPath> inputs) {
        refuseOverlaps(conf, inputs);
        Path target = new Path(path);
        try {
            checkExisting(target.getFileSystem(conf), target);
        } catch (IOException e) {
            throw new UserInputException("cannot check " + option + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** The first half of {@link #check}: refuses the target if it is, contains or lies inside one of {@code inputs}. */
    public void refuseOverlaps(Configuration conf, List<ProtectedPath> inputs) {
        Path target = new Path(path);
        try {
            Path qualified = target.getFileSystem(conf).makeQualified(target);
            for (ProtectedPath input : inputs) {
                if (input.pathSpec() == null) {
                    continue;
                }
                for (Path protectedPath : resolve(input.pathSpec(), conf)) {
                    refuseOverlap(qualified, protectedPath, input, conf);
                }
            }
        } catch (IOException e) {
            throw new UserInputException("cannot check " + option + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Refuses an existing target unless {@code --overwrite} was given and it is an output of this kind. */
    void checkExisting(FileSystem fs, Path target) throws IOException {
        if (!fs.exists(target)) {
            return;
        }
        if (!overwrite) {
            throw new UserInputException(option + " " + path + " already exists (pass --overwrite to replace it)");
        }
        String why = kind.whyNotReplaceable(fs, target);
        if (why != null) {
            throw new UserInputException(option + " " + path + " is not replaced, even with --overwrite: " + why
                    + "; choose another " + option + " or remove it yourself");
        }
    }

    private void refuseOverlap(Path out, Path input, ProtectedPath named, Configuration conf) throws IOException {
        String what = named.option() + " " + input;
        if (sameOrAncestor(out, input)) {
            throw new UserInputException(option + " " + path + (out.equals(input) ? " is " : " contains ") + what
                    + ": it would be replaced by the output; choose another " + option);
        }
        FileSystem fs = input.getFileSystem(conf);
        if (sameOrAncestor(input, out) && fs.exists(input) && fs.getFileStatus(input).isDirectory()) {
            throw new UserInputException(option + " " + path + " is inside " + what + ", a directory this command "
                    + "reads (an output there would be read as input next time); choose another " + option);
        }
    }

    /** Whether {@code a} is {@code b} or a directory above it, on the same file system. */
    static boolean sameOrAncestor(Path a, Path b) {
        URI ua = a.toUri();
        URI ub = b.toUri();
        if (!String.valueOf(ua.getScheme()).equals(String.valueOf(ub.getScheme()))
                || !String.valueOf(ua.getAuthority()).equals(String.valueOf(ub.getAuthority()))) {
            return false;
        }
        String pa = trimSlash(ua.getPath());
        String pb = trimSlash(ub.getPath());
        return pb.equals(pa) || pb.startsWith(pa.endsWith("/") ? pa : pa + "/");
    }

    private static String trimSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * The qualified paths a spec names: each comma-separated part, globs expanded to what
     * they match now (a part that matches nothing is kept as written: it may appear later).
     */
    private static List<Path> resolve(String spec, Configuration conf) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            Path path = new Path(p);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                paths.add(fs.makeQualified(path));
            } else {
                for (FileStatus match : matches) {
                    paths.add(fs.makeQualified(match.getPath()));
                }
            }
        }
        return paths;
    }
}
