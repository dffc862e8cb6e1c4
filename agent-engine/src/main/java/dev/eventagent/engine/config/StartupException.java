package dev.eventagent.engine.config;

import java.util.List;

/**
 * The service cannot start as configured. The message lists every problem found, each naming the
 * config key or plugin at fault and where it came from.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one line per problem
     */
    public StartupException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Creates the exception for a single problem.
     *
     * @param problem the problem
     * @param cause the underlying failure
     */
    public StartupException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /**
     * The problems, one per line.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder text = new StringBuilder(problems.size() + " configuration problems:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
