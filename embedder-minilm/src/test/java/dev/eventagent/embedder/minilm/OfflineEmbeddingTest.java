package dev.eventagent.embedder.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.testkit.TestingPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance line "the local embedder works with the network unreachable", for real: a child
 * JVM runs the plugin inside a new, empty network namespace ({@code unshare --net}), where not
 * even loopback is up, so neither Java nor the native code under it (ONNX Runtime, the Rust
 * tokenizer) could reach anything. The child proves the isolation before it embeds; this test
 * compares its vectors with the ones computed here.
 *
 * <p>Why a namespace and not a JVM-level guard: a {@code ProxySelector} or socket factory sees
 * only Java sockets (not JNI code), {@code Socket.setSocketImplFactory} is deprecated since Java 17
 * and the SecurityManager is deprecated for removal (both warn under {@code -Xlint:all}). Where
 * {@code unshare} is not allowed (no user namespaces), the test is skipped, saying so.
 */
class OfflineEmbeddingTest {

    @Test
    void embedsInAProcessThatHasNoNetworkAtAll() throws Exception {
        List<String> unshare = workingUnshare();
        assumeTrue(unshare != null, "unshare --net is not permitted here (no network namespaces): "
                + "the offline test cannot isolate a child JVM");
        List<String> command = new ArrayList<>(unshare);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add(OfflineEmbedding.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            boolean exited = child.waitFor(3, TimeUnit.MINUTES);
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(exited).as("the child JVM finished; its output:\n" + output).isTrue();
        } finally {
            child.destroyForcibly();
        }
        System.out.println("child JVM in " + unshare + ":\n" + output.lines()
                .filter(line -> !line.startsWith("vector:")).collect(java.util.stream.Collectors.joining("\n")));
        assertThat(child.exitValue()).as("exit status; output:\n" + output).isZero();
        assertThat(output).contains("interfaces up: []").contains("dns: java.net.UnknownHostException")
                .contains("OFFLINE EMBEDDING OK");

        List<float[]> offline = output.lines().filter(line -> line.startsWith("vector:"))
                .map(OfflineEmbeddingTest::parse).toList();
        MiniLmPlugin plugin = new MiniLmPlugin();
        try (MiniLmEmbedder embedder = (MiniLmEmbedder) plugin.create(TestingPluginContext.of(plugin, Map.of()))
                .embedders().get(0)) {
            List<float[]> online = embedder.embed(OfflineEmbedding.TEXTS, InputType.PASSAGE);
            assertThat(offline).hasSameSizeAs(online);
            for (int i = 0; i < online.size(); i++) {
                assertThat(MiniLmEmbedderTest.cosine(offline.get(i), online.get(i))).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    /** {@code unshare --net}, as root, or with a user namespace mapping the caller to root; null if neither works. */
    private static List<String> workingUnshare() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("unshare", "--net"),
                List.of("unshare", "--net", "--map-root-user"))) {
            List<String> probe = new ArrayList<>(candidate);
            probe.add("true");
            try {
                Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static float[] parse(String line) {
        String[] parts = line.substring("vector:".length()).trim().split(" ");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
