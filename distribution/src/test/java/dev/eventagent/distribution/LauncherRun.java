package dev.eventagent.distribution;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one run of {@code bin/event-agent}.
 *
 * @param command what was run, for failure messages
 * @param exitCode the process's exit code
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
record LauncherRun(List<String> command, int exitCode, String stdout, String stderr) {

    /**
     * Standard output parsed as one JSON array of objects, as {@code tools --json} prints it.
     *
     * @return the objects
     * @throws AssertionError when stdout is not exactly one JSON array
     */
    List<Map<String, Object>> jsonObjects() {
        String text = stdout.strip();
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw new AssertionError("stdout is not one JSON array and nothing else\n" + this);
        }
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(text);
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON (" + e.getMessage() + ")\n" + this, e);
        }
        if (!(parsed instanceof List<?> list)) {
            throw new AssertionError("stdout is not a JSON array\n" + this);
        }
        for (Object element : list) {
            if (!(element instanceof Map<?, ?>)) {
                throw new AssertionError("the array holds a non-object: " + element + "\n" + this);
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> objects = (List<Map<String, Object>>) list;
        return objects;
    }

    /**
     * Standard output parsed as JSON lines, one object per line, as {@code replay --json} prints them.
     *
     * @return the objects
     * @throws AssertionError when a line is not a JSON object
     */
    List<Map<String, Object>> jsonLines() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String line : stdout.lines().filter(line -> !line.isBlank()).toList()) {
            try {
                objects.add(JSON.std.mapFrom(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + line + " (" + e.getMessage() + ")\n" + this, e);
            }
        }
        if (objects.isEmpty()) {
            throw new AssertionError("no JSON lines on stdout\n" + this);
        }
        return objects;
    }

    /**
     * The JSON object on the last line of standard output, as {@code demo --json} ends: the line
     * must be the last one (nothing after it but its line break).
     *
     * @return the object
     * @throws AssertionError when stdout does not end with one JSON object line
     */
    Map<String, Object> lastJsonLine() {
        if (!stdout.endsWith("\n")) {
            throw new AssertionError("stdout does not end with a complete line\n" + this);
        }
        List<String> lines = stdout.lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        try {
            return JSON.std.mapFrom(last);
        } catch (IOException e) {
            throw new AssertionError("the last line of stdout is not a JSON object: " + last + "\n" + this, e);
        }
    }

    /**
     * The {@code name} of every object printed by {@code tools --json}.
     *
     * @return the tool names
     */
    List<String> toolNames() {
        return jsonObjects().stream().map(tool -> String.valueOf(tool.get("name"))).toList();
    }

    /**
     * The object of one tool printed by {@code tools --json}.
     *
     * @param name the tool's name
     * @return the tool's object
     * @throws AssertionError when no such tool is listed
     */
    Map<String, Object> tool(String name) {
        return jsonObjects().stream()
                .filter(tool -> name.equals(tool.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tool '" + name + "' listed\n" + this));
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", command) + "\nexit code " + exitCode
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
