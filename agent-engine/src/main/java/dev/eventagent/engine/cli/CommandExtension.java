package dev.eventagent.engine.cli;

import java.util.List;

/**
 * Commands that live outside the engine's own jar — {@code demo} and {@code bench}, in the
 * distribution's {@code demo/} folder with the embedded broker they need, which the service
 * itself never loads. Found with {@link java.util.ServiceLoader} on the classpath and in that
 * folder.
 */
public interface CommandExtension {

    /**
     * The picocli command objects to add to {@code event-agent}.
     *
     * @return instances of {@code @Command} classes
     */
    List<Object> commands();
}
