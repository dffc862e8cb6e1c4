package dev.eventagent.engine.audit;

import dev.eventagent.api.AuditRecord;
import dev.eventagent.api.AuditSink;
import dev.eventagent.api.TransientToolException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The default audit sink ({@code jsonl}): one JSON object per line, appended to a file. */
public final class JsonLinesAuditSink implements AuditSink {

    private final Path file;
    private final BufferedWriter writer;

    /**
     * Opens the file for appending, creating its folder.
     *
     * @param file the file
     */
    public JsonLinesAuditSink(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit file " + file + " (agent.audit.jsonl.path)", e);
        }
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public synchronized void write(AuditRecord record) {
        try {
            writer.write(record.json());
            writer.newLine();
        } catch (IOException e) {
            throw new TransientToolException("cannot append to the audit file " + file, e);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new TransientToolException("cannot flush the audit file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit file " + file, e);
        }
    }
}
