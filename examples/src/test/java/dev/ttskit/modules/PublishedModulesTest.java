package dev.ttskit.modules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ttskit's published modules (every artifact the BOM lists) on the module path, as an application
 * using JPMS would have them. Tests elsewhere run on the class path, where a split package, a missing
 * {@code requires}, an unopened package that Jackson reflects on or a service that is not
 * {@code provides}-declared all go unnoticed.
 *
 * <p>The module path is built from this module's test class path: the published modules plus the
 * closure of what they {@code requires}; everything else (MaryTTS's own jars, which split packages and
 * cannot be modules) stays on the class path. The layer is resolved here, then a second JVM boots
 * with it and runs {@link ModulePathProbe}.
 */
class PublishedModulesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern BOM_ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @TempDir
    Path dir;

    @Test
    void publishedModulesResolveAndWorkOnTheModulePath() throws Exception {
        Map<String, Path> published = publishedModules();
        List<Path> classPath = classPath();

        Map<String, Path> byModuleName = new LinkedHashMap<>();
        for (Path entry : classPath) {
            if (published.containsValue(entry) || !entry.toString().endsWith(".jar")) {
                continue;
            }
            describe(entry).ifPresent(d -> byModuleName.putIfAbsent(d.name(), entry));
        }
        Set<String> roots = new TreeSet<>();
        Map<String, Path> modulePath = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : published.entrySet()) {
            ModuleDescriptor d = describe(e.getValue()).orElseThrow(
                    () -> new AssertionError(e.getKey() + " at " + e.getValue() + " is not a module"));
            roots.add(d.name());
            modulePath.put(d.name(), e.getValue());
        }
        List<String> missing = closure(modulePath, byModuleName);
        assertEquals(List.of(), missing, "modules required but found on no jar of the class path");

        // Resolution and one class loader for the lot: fails on a split package or a missing module.
        ModuleFinder finder = ModuleFinder.of(modulePath.values().toArray(Path[]::new));
        Configuration cf = Configuration.resolveAndBind(finder, List.of(ModuleLayer.boot().configuration()),
                ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        assertTrue(layer.findModule("dev.ttskit.core").isPresent());

        List<Path> rest = new ArrayList<>();
        for (Path entry : classPath) {
            if (!modulePath.containsValue(entry) && !published.containsValue(entry)) {
                rest.add(entry);
            }
        }
        ProcessResult r = runProbe(modulePath.values(), rest);
        System.out.print(r.out);
        assertEquals(0, r.status, r.out + r.err);
        assertTrue(r.out.contains("exported types linked: "), r.out);
        assertTrue(r.out.contains("validator from dev.ttskit.validation"), r.out);
        assertTrue(r.out.contains("offline voice: marytts"), r.out);
        assertTrue(r.out.contains("elevenlabs body written by Jackson"), r.out);
    }

    /** Every artifact the BOM manages, found on this module's test class path (as a jar or classes). */
    private Map<String, Path> publishedModules() throws IOException {
        String bom = Files.readString(ROOT.resolve("tts-bom").resolve("pom.xml"), StandardCharsets.UTF_8);
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        Matcher m = BOM_ARTIFACT.matcher(managed);
        while (m.find()) {
            String artifact = m.group(1);
            Optional<Path> entry = classPath().stream().filter(p -> isArtifact(p, artifact)).findFirst();
            if (entry.isEmpty()) {
                absent.add(artifact);
            } else {
                found.put(artifact, asModule(artifact, entry.get()));
            }
        }
        assertEquals(List.of(), absent, "published modules missing from the examples module's test dependencies");
        assertTrue(found.size() >= 8, "the BOM lists " + found.keySet());
        return found;
    }

    /** The reactor's {@code <artifact>/target/...} or a repository's {@code .../dev/ttskit/<artifact>/<version>/...}. */
    private static boolean isArtifact(Path entry, String artifact) {
        String s = entry.toString().replace(File.separatorChar, '/');
        return s.contains("/" + artifact + "/target/") || s.contains("/dev/ttskit/" + artifact + "/");
    }

    /**
     * A published artifact as the module path needs it. A jar, or an exploded named module, is used as
     * it is; a classes directory without module-info (an automatic module, when the reactor ran only to
     * the test phase) is packed into a jar carrying the Automatic-Module-Name its POM gives the real jar.
     */
    private Path asModule(String artifact, Path entry) throws IOException {
        if (!Files.isDirectory(entry) || Files.exists(entry.resolve("module-info.class"))) {
            return entry;
        }
        String pom = Files.readString(ROOT.resolve(artifact).resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<Automatic-Module-Name>([^<]+)</Automatic-Module-Name>").matcher(pom);
        assertTrue(m.find(), artifact + " has neither module-info nor an Automatic-Module-Name");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", m.group(1));
        Path jar = dir.resolve(artifact + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(entry)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = entry.relativize(f).toString().replace(File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                zip.putNextEntry(new JarEntry(name));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Adds what the modules require, transitively; answers the names no jar provides. */
    private static List<String> closure(Map<String, Path> modulePath, Map<String, Path> available) {
        ModuleFinder system = ModuleFinder.ofSystem();
        Deque<String> todo = new ArrayDeque<>(modulePath.keySet());
        Set<String> missing = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            ModuleDescriptor d = describe(modulePath.get(name)).orElseThrow();
            for (ModuleDescriptor.Requires r : d.requires()) {
                if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)
                        || modulePath.containsKey(r.name()) || system.find(r.name()).isPresent()) {
                    continue;
                }
                Path jar = available.get(r.name());
                if (jar == null) {
                    missing.add(r.name() + " (required by " + name + ")");
                } else {
                    modulePath.put(r.name(), jar);
                    todo.push(r.name());
                }
            }
        }
        return new ArrayList<>(missing);
    }

    private static Optional<ModuleDescriptor> describe(Path entry) {
        try {
            Set<ModuleReference> refs = ModuleFinder.of(entry).findAll();
            return refs.size() == 1 ? Optional.of(refs.iterator().next().descriptor()) : Optional.empty();
        } catch (FindException e) {
            return Optional.empty();      // not usable as a module (e.g. no derivable name): class path only
        }
    }

    private static List<Path> classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).collect(Collectors.toList());
    }

    private record ProcessResult(int status, String out, String err) { }

    private ProcessResult runProbe(Iterable<Path> modulePath, List<Path> classPath) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", join(modulePath), "--add-modules", "ALL-MODULE-PATH",
                "-cp", join(classPath), ModulePathProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TTSKIT_") || k.startsWith("ELEVENLABS_")
                || k.startsWith("REPLICATE_") || k.startsWith("XTTS_"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the module-path probe did not finish within 120 s");
        }
        return new ProcessResult(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static String join(Iterable<Path> paths) {
        List<String> s = new ArrayList<>();
        paths.forEach(p -> s.add(p.toString()));
        return String.join(File.pathSeparator, s);
    }
}
