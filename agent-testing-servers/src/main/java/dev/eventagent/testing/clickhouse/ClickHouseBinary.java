package dev.eventagent.testing.clickhouse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the machine's ClickHouse server binary: {@code $CLICKHOUSE_SERVER_BINARY} when set ({@code none}
 * behaves as if no server were installed, to see what a machine without one does), else
 * {@code clickhouse-server} (Debian's package installs {@code /usr/sbin/clickhouse-server}), else
 * the single {@code clickhouse} binary of the official packages run as {@code clickhouse server}.
 */
final class ClickHouseBinary {

    /** How to install the server, for messages. */
    static final String INSTALL_HINT = "install it with `apt-get update && apt-get install -y clickhouse-server` "
            + "(as root), or point CLICKHOUSE_SERVER_BINARY at a clickhouse-server binary";

    private static final List<String> SERVER_PATHS = List.of(
            "/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/local/bin/clickhouse-server");
    private static final List<String> MULTI_CALL_PATHS = List.of("/usr/bin/clickhouse", "/usr/local/bin/clickhouse");

    private ClickHouseBinary() {
    }

    /**
     * The command that starts a server, without its config argument.
     *
     * @return the command, or empty when no binary is installed
     */
    static Optional<List<String>> serverCommand() {
        String override = System.getenv("CLICKHOUSE_SERVER_BINARY");
        if ("none".equals(override)) {
            return Optional.empty();
        }
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("CLICKHOUSE_SERVER_BINARY=" + override + " is not an executable file");
            }
            return Optional.of(path.getFileName().toString().equals("clickhouse")
                    ? List.of(path.toString(), "server") : List.of(path.toString()));
        }
        List<String> serverCandidates = new ArrayList<>(SERVER_PATHS);
        List<String> multiCallCandidates = new ArrayList<>(MULTI_CALL_PATHS);
        String searchPath = System.getenv("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    serverCandidates.add(Path.of(dir, "clickhouse-server").toString());
                    multiCallCandidates.add(Path.of(dir, "clickhouse").toString());
                }
            }
        }
        for (String candidate : serverCandidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(List.of(candidate));
            }
        }
        for (String candidate : multiCallCandidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(List.of(candidate, "server"));
            }
        }
        return Optional.empty();
    }
}
