package animerec.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No import cycle between the packages under {@code src/main/java}: a package's dependencies are the other
 * {@code animerec} packages it names (imports and fully qualified names, {@code animerec.x.y.Type}). The cycles are
 * the strongly connected components of that graph with more than one package (Tarjan).
 */
class PackageCyclesTest {
    private static final Pattern REFERENCE = Pattern.compile("\\b(animerec(?:\\.[a-z_0-9]+)+)\\.[A-Z]");

    static Map<String, Set<String>> graph(Path sources) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.');
                Set<String> out = g.computeIfAbsent(pkg, x -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return g;
    }

    /** The strongly connected components with two or more packages. */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component);
            }
        }
    }

    @Test
    void theDetectorFindsACycle() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(new TreeMap<>(g)));
    }

    @Test
    void noPackageCycleUnderMain() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources.resolve("animerec")), "run from the jobs module: " + sources.toAbsolutePath());
        Map<String, Set<String>> g = graph(sources);
        assertTrue(g.size() > 10, "packages found: " + g.keySet());
        StringBuilder why = new StringBuilder();
        for (Set<String> c : cycles(g)) {
            why.append("\ncycle:");
            for (String p : c) {
                why.append("\n  ").append(p).append(" -> ").append(g.get(p).stream().filter(c::contains).toList());
            }
        }
        assertEquals("", why.toString(), "package cycles");
    }
}
