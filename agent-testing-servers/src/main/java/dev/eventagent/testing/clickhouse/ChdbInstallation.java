package dev.eventagent.testing.clickhouse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where npm's {@code chdb} package and {@code node} are: the package in
 * {@code $EVENT_AGENT_CHDB/node_modules/chdb} when that variable is set, else in the well-known
 * tool folder {@value #DEFAULT_PREFIX} (where {@code .ci/run} installs it; never inside the
 * repository: the engine library alone is over 500 MB), and {@code node} on {@code PATH}.
 *
 * @param node the {@code node} executable
 * @param packageDir the installed package, {@code …/node_modules/chdb}
 */
record ChdbInstallation(Path node, Path packageDir) {

    /** The npm prefix the package is looked for in when {@code EVENT_AGENT_CHDB} is not set. */
    static final String DEFAULT_PREFIX = "/opt/event-agent-tools/chdb";
    /** The version the tests are written against (its engine is ClickHouse 26.7.2.1). */
    static final String VERSION = "3.4.0";
    /** How to install it, for messages. */
    static final String INSTALL_HINT = "install it with `npm install --prefix " + DEFAULT_PREFIX + " chdb@" + VERSION
            + "` (node 18 or later; .ci/run does this), or point EVENT_AGENT_CHDB at the folder npm installed it into";

    /**
     * Finds the installation.
     *
     * @return the installation, or empty when the package or {@code node} is missing
     */
    static Optional<ChdbInstallation> find() {
        Optional<Path> packageDir = findPackage();
        Optional<Path> node = findNode();
        return packageDir.isPresent() && node.isPresent()
                ? Optional.of(new ChdbInstallation(node.get(), packageDir.get())) : Optional.empty();
    }

    /**
     * What is missing, and how to install it.
     *
     * @return the message
     */
    static String missing() {
        List<String> problems = new ArrayList<>();
        if (findPackage().isEmpty()) {
            problems.add("no chdb package in " + prefix().resolve("node_modules").resolve("chdb")
                    + (System.getenv("EVENT_AGENT_CHDB") == null ? "" : " (from EVENT_AGENT_CHDB)"));
        }
        if (findNode().isEmpty()) {
            problems.add("no node executable on PATH or in /usr/bin, /usr/local/bin (apt-get install nodejs npm)");
        }
        return "The ClickHouse engine of npm's chdb package cannot run here: " + String.join("; ", problems) + ". "
                + "To run the ClickHouse tests on it, " + INSTALL_HINT + ".";
    }

    private static Path prefix() {
        String configured = System.getenv("EVENT_AGENT_CHDB");
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_PREFIX : configured.trim());
    }

    private static Optional<Path> findPackage() {
        Path prefix = prefix();
        for (Path candidate : List.of(prefix.resolve("node_modules").resolve("chdb"), prefix)) {
            if (Files.isRegularFile(candidate.resolve("package.json")) && Files.isRegularFile(candidate.resolve("index.js"))
                    && candidate.getFileName() != null && candidate.getFileName().toString().equals("chdb")) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findNode() {
        List<Path> candidates = new ArrayList<>();
        String searchPath = System.getenv("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "node"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/node"));
        candidates.add(Path.of("/usr/local/bin/node"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
