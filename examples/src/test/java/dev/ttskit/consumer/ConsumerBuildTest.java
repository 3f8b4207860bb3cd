package dev.ttskit.consumer;

import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.WavCodec;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application's build, outside ttskit's reactor, made exactly as the README shows: its
 * {@code <dependencyManagement>}/{@code <dependencies>} block is the project's POM and its first Java
 * sample is the program. A separate Maven run resolves it the way a user's build would (ttskit's parent
 * POM applies nothing to it), then the program runs with nothing configured.
 *
 * <p>ttskit's artifacts are staged into a file repository under {@code target/}; everything else comes
 * from the local repository this build uses, read as a remote file repository by a fresh local
 * repository, so nothing reaches the network and nothing is installed where other builds would see it.
 * This is the test that failed when a consumer got MaryTTS's unpublished jtok-core 1.9.3.
 */
class ConsumerBuildTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path WORK = Path.of("target", "consumer-build").toAbsolutePath();
    private static final Pattern XML_BLOCK = Pattern.compile("(?m)^```xml\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

    @Test
    void theReadmesProjectResolvesBuildsAndSpeaks() throws Exception {
        deleteRecursively(WORK);
        String version = version();
        Path staging = stage(version);
        Path upstream = upstreamWithoutTtskit();
        Path project = project();
        Path settings = settings(staging, upstream);

        Result build = run(project, List.of(maven().toString(), "-B", "-s", settings.toString(),
                "compile", "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath",
                "-Dmdep.outputFile=classpath.txt", "-Dmdep.includeScope=runtime"), Map.of());
        assertEquals(0, build.status, "the README's project does not build:\n" + build.out);

        String classpath = Files.readString(project.resolve("classpath.txt"), StandardCharsets.UTF_8).strip();
        List<String> jars = Stream.of(classpath.split(File.pathSeparator)).map(s -> Path.of(s).getFileName().toString())
                .collect(Collectors.toList());
        assertTrue(jars.contains("jtok-core-1.9.4.jar"), jars.toString());
        assertTrue(jars.contains("commons-io-2.21.0.jar"), jars.toString());
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("junit-") || j.startsWith("opentest4j")), jars.toString());

        Result speak = run(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes" + File.pathSeparator + classpath, "Hello"), Map.of());
        assertEquals(0, speak.status, speak.out);
        assertTrue(speak.out.lines().anyMatch(l -> l.equals("marytts answered after 1 attempt(s)")), speak.out);
        byte[] wav = Files.readAllBytes(project.resolve("hello.wav"));
        assertEquals(24_000, WavCodec.readInfo(wav).sampleRate());
        assertTrue(AudioAnalysis.rms(WavCodec.decode(wav)) > 0.02, "speech, not silence");
    }

    private static String version() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>ttskit-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "no version in the root POM");
        return m.group(1);
    }

    /**
     * A file repository with ttskit's parent and BOM POMs and each published artifact on this test's
     * class path (its POM from the source tree, its jar as the reactor built it).
     */
    private static Path stage(String version) throws IOException {
        Path repo = WORK.resolve("staging");
        put(repo, "ttskit-parent", version, "pom", ROOT.resolve("pom.xml"));
        put(repo, "tts-bom", version, "pom", ROOT.resolve("tts-bom").resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("tts-bom").resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>")
                .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
        while (m.find()) {
            String artifact = m.group(1);
            Optional<Path> entry = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of).filter(p -> p.toString().replace(File.separatorChar, '/').contains("/" + artifact + "/"))
                    .findFirst();
            if (entry.isEmpty()) {
                continue;
            }
            put(repo, artifact, version, "pom", ROOT.resolve(artifact).resolve("pom.xml"));
            put(repo, artifact, version, "jar", Files.isDirectory(entry.get()) ? jar(entry.get(), artifact) : entry.get());
        }
        return repo;
    }

    private static void put(Path repo, String artifact, String version, String extension, Path file) throws IOException {
        Path dir = repo.resolve("dev").resolve("ttskit").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifact + "-" + version + "." + extension));
    }

    /** Classes from the reactor (a build that stopped before {@code package}), as a jar. */
    private static Path jar(Path classes, String artifact) throws IOException {
        Path jar = WORK.resolve("jars").resolve(artifact + ".jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    /**
     * The local repository seen through links, without dev/ttskit: whatever an earlier build installed
     * there must not stand in for what this build staged.
     */
    private static Path upstreamWithoutTtskit() throws IOException {
        Path local = Path.of(System.getProperty("ttskit.test.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        Path upstream = WORK.resolve("upstream");
        Files.createDirectories(upstream.resolve("dev"));
        try (Stream<Path> top = Files.list(local)) {
            for (Path p : (Iterable<Path>) top::iterator) {
                if (!p.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(upstream.resolve(p.getFileName().toString()), p);
                }
            }
        }
        if (Files.isDirectory(local.resolve("dev"))) {
            try (Stream<Path> dev = Files.list(local.resolve("dev"))) {
                for (Path p : (Iterable<Path>) dev::iterator) {
                    if (!p.getFileName().toString().equals("ttskit")) {
                        Files.createSymbolicLink(upstream.resolve("dev").resolve(p.getFileName().toString()), p);
                    }
                }
            }
        }
        return upstream;
    }

    /** The README's XML block as the POM (plugin versions pinned to ones this build already has) and its first sample as the program. */
    private static Path project() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher xml = XML_BLOCK.matcher(readme);
        assertTrue(xml.find(), "README.md has no xml block");
        Matcher java = JAVA_BLOCK.matcher(readme);
        assertTrue(java.find(), "README.md has no java block");
        assertTrue(xml.group(1).contains("<artifactId>tts-bom</artifactId>"), "the first xml block is not the BOM import");

        Path project = WORK.resolve("app");
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId><artifactId>hello-tts</artifactId><version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                  </properties>
                %s
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.4.0</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(xml.group(1)), StandardCharsets.UTF_8);
        Files.writeString(project.resolve("src/main/java/Hello.java"), """
                import dev.ttskit.*;
                import dev.ttskit.audio.*;
                import java.nio.file.*;

                public class Hello {
                    public static void main(String[] args) throws Exception {
                %s
                    }
                }
                """.formatted(java.group(1)), StandardCharsets.UTF_8);
        return project;
    }

    private static Path settings(Path staging, Path upstream) throws IOException {
        Path settings = WORK.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>upstream</id><mirrorOf>*,!ttskit-staging</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>ttskit-staging</id>
                      <repositories>
                        <repository>
                          <id>ttskit-staging</id><url>%s</url>
                          <snapshots><enabled>true</enabled></snapshots>
                        </repository>
                      </repositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>ttskit-staging</activeProfile></activeProfiles>
                </settings>
                """.formatted(WORK.resolve("local-repository"), upstream.toUri(), staging.toUri()), StandardCharsets.UTF_8);
        return settings;
    }

    private static Path maven() {
        String home = System.getProperty("ttskit.test.mavenHome", "");
        String name = File.separatorChar == '\\' ? "mvn.cmd" : "mvn";
        return home.isBlank() ? Path.of(name) : Path.of(home, "bin", name);
    }

    private record Result(int status, String out) { }

    private static Result run(Path dir, List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path log = dir.resolve("run-" + Path.of(command.get(0)).getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TTSKIT_") || k.startsWith("ELEVENLABS_") || k.startsWith("REPLICATE_")
                || k.startsWith("XTTS_") || k.startsWith("MAVEN_"));
        env.putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within 300 s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {      // links are removed, never followed
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
