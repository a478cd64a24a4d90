package org.descent.driver.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers read from the sources' imports: worker-lib knows neither Spark nor the driver,
 * and no two packages of the main code import each other, directly or through others, so each
 * package can be read with only the ones beneath it in mind.
 */
class PackageGraphTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]",
            Pattern.MULTILINE);

    private static final Path WORKER_LIB = Path.of("..", "worker-lib", "src", "main", "java");
    private static final Path DRIVER = Path.of("src", "main", "java");

    @Test
    void workerLibImportsNeitherSparkNorTheDriver() {
        Map<String, Set<String>> graph = importsOf(WORKER_LIB);
        assertTrue(graph.size() >= 5, "worker-lib packages found: " + graph.keySet());
        graph.forEach((pkg, imports) -> imports.forEach(imported -> {
            assertTrue(!imported.startsWith("org.apache.spark") && !imported.startsWith("scala")
                    && !imported.startsWith("org.descent.driver"), pkg + " imports " + imported);
        }));
    }

    @Test
    void mainPackagesFormNoCycle() {
        Map<String, Set<String>> graph = importsOf(WORKER_LIB);
        importsOf(DRIVER).forEach((pkg, imports) -> graph.merge(pkg, imports, (a, b) -> {
            a.addAll(b);
            return a;
        }));
        assertTrue(graph.containsKey("org.descent.driver.cli"), "driver packages found: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "packages that import each other");
    }

    /** Each package's imports of other org.descent packages (and of Spark and Scala, for the first rule). */
    private static Map<String, Set<String>> importsOf(Path sourceRoot) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                Matcher pkg = PACKAGE.matcher(text);
                assertTrue(pkg.find(), file + " has no package line");
                Set<String> imports = graph.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    String imported = imp.group(1);
                    if (!imported.equals(pkg.group(1)) && (imported.startsWith("org.descent")
                            || imported.startsWith("org.apache.spark") || imported.startsWith("scala"))) {
                        imports.add(imported);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String pkg : graph.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, graph, index, low, stack, onStack, cycles);
            }
        }
        return cycles;
    }

    private static void connect(String pkg, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> cycles) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        onStack.add(pkg);
        for (String next : graph.getOrDefault(pkg, Set.of())) {
            if (!graph.containsKey(next)) {
                continue;
            }
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, cycles);
                low.put(pkg, Math.min(low.get(pkg), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(next)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
