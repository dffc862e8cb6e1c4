package dev.eventagent.engine.logging;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logback's own status, for the distribution's logback.xml: nothing while all is well, and each
 * warning or error (a log folder it cannot write, a bad pattern) as one line on stderr — never on
 * stdout, which stays machine-readable ({@code tools --json}). Registering a listener also stops
 * logback from printing its whole status history to stdout when configuration fails.
 */
public final class QuietStatusListener extends ContextAwareBase implements StatusListener, LifeCycle {

    private final PrintStream err = System.err;
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() < Status.WARN) {
            return;
        }
        Throwable cause = status.getThrowable();
        String line = "logging: " + status.getMessage() + (cause == null ? "" : ": " + cause.getMessage());
        // Logback repeats some complaints for every event ("append to non started appender"): say each once.
        if (said.size() < 100 && said.add(line)) {
            err.println(line);
        }
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isStarted() {
        return started;
    }
}
