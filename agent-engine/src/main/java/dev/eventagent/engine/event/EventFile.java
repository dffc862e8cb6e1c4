package dev.eventagent.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventagent.engine.json.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of an event file (for {@code replay}, {@code send} and the demo): a {@code .jsonl}/{@code .ndjson} file holds one record per line;
 * any other file holds one JSON object or an array of them. Bytes are kept as they are, so that
 * the decoder sees (and reports) exactly what a Kafka record would have carried.
 */
public final class EventFile {

    /**
     * One record to replay.
     *
     * @param label where it came from, e.g. {@code events.jsonl:3}
     * @param value its bytes
     */
    public record Item(String label, byte[] value) {
    }

    private EventFile() {
    }

    /**
     * Reads a file's records.
     *
     * @param file the file
     * @return the records, in order
     * @throws IOException when it cannot be read
     */
    public static List<Item> read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return lines(file.toString(), content);
        }
        JsonNode node = parse(content);
        if (node != null && node.isArray()) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(new Item(file + "[" + i + "]", Json.MAPPER.writeValueAsBytes(node.get(i))));
            }
            return items;
        }
        return List.of(new Item(file.toString(), content));
    }

    private static List<Item> lines(String label, byte[] content) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                byte[] bytes = Arrays.copyOfRange(content, start, i);
                if (!new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
                    items.add(new Item(label + ":" + line, bytes));
                }
                start = i + 1;
                line++;
            }
        }
        return items;
    }

    private static JsonNode parse(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return Json.MAPPER.readTree(content);
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
