package dev.eventagent.embedder.minilm;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.Embedder.InputType;
import dev.eventagent.testkit.TestingPluginContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The child JVM of {@link OfflineEmbeddingTest}: first shows that it has no network (no interface
 * up, no DNS, no route), then loads the plugin and embeds, printing the vectors for the parent to
 * compare with its own. Exit status 0 only when both held.
 */
public final class OfflineEmbedding {

    /** The texts the child embeds. */
    static final List<String> TEXTS = List.of("Kubernetes operator in Go",
            "Writes Go controllers for Kubernetes custom resources", "Bakes sourdough bread every morning");

    private OfflineEmbedding() {
    }

    /**
     * Runs the check.
     *
     * @param args none
     * @throws Exception when the model fails
     */
    public static void main(String[] args) throws Exception {
        List<String> up;
        try {
            up = NetworkInterface.networkInterfaces().filter(OfflineEmbedding::isUp)
                    .map(NetworkInterface::getName).collect(Collectors.toList());
        } catch (java.net.SocketException none) {
            // "No network interfaces configured": what Java says when only a downed loopback exists
            System.out.println("interfaces: " + none.getMessage());
            up = List.of();
        }
        System.out.println("interfaces up: " + up);
        if (!up.isEmpty()) {
            System.out.println("NOT OFFLINE: interfaces are up");
            System.exit(2);
        }
        try {
            InetAddress address = InetAddress.getByName("repo.maven.apache.org");
            System.out.println("NOT OFFLINE: resolved " + address);
            System.exit(2);
        } catch (java.net.UnknownHostException expected) {
            System.out.println("dns: " + expected);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {1, 1, 1, 1}), 443), 2000);
            System.out.println("NOT OFFLINE: connected to 1.1.1.1:443");
            System.exit(2);
        } catch (java.io.IOException expected) {
            System.out.println("connect: " + expected);
        }

        MiniLmPlugin plugin = new MiniLmPlugin();
        try (var instance = plugin.create(TestingPluginContext.of(plugin, Map.of()))) {
            Embedder embedder = instance.embedders().get(0);
            List<float[]> vectors = embedder.embed(TEXTS, InputType.PASSAGE);
            for (float[] vector : vectors) {
                StringBuilder line = new StringBuilder("vector:");
                for (float value : vector) {
                    line.append(String.format(Locale.ROOT, " %.6f", value));
                }
                System.out.println(line);
            }
            System.out.println("health: " + instance.health().detail());
        }
        System.out.println("OFFLINE EMBEDDING OK");
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
