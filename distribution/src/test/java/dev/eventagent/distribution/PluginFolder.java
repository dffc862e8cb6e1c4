package dev.eventagent.distribution;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A plugin folder ready to be copied into a distribution's {@code plugins/}: its jar and the
 * libraries it brings.
 *
 * @param name the folder's name, {@code plugins/<name>/}
 * @param directory where the folder was built
 */
record PluginFolder(String name, Path directory) {

    /** Validates the fields. */
    PluginFolder {
        requireNonNull(name, "name is null");
        requireNonNull(directory, "directory is null");
    }
}
