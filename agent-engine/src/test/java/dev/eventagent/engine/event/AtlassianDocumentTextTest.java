package dev.eventagent.engine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventagent.engine.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AtlassianDocumentTextTest {

    @Test
    void paragraphsHeadingsListsAndCodeEachTakeALine() throws Exception {
        String adf = "{\"type\":\"doc\",\"version\":1,\"content\":["
                + "{\"type\":\"heading\",\"attrs\":{\"level\":1},\"content\":[{\"type\":\"text\",\"text\":\"Title\"}]},"
                + "{\"type\":\"orderedList\",\"content\":["
                + "{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"one\"}]}]},"
                + "{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"two\"}]}]}]},"
                + "{\"type\":\"codeBlock\",\"attrs\":{\"language\":\"sh\"},\"content\":[{\"type\":\"text\",\"text\":\"rm -rf /tmp/x\\necho \\\"done\\\"\"}]},"
                + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"due \"},"
                + "{\"type\":\"date\",\"attrs\":{\"timestamp\":\"1715770800000\"}},{\"type\":\"hardBreak\"},"
                + "{\"type\":\"status\",\"attrs\":{\"text\":\"BLOCKED\",\"color\":\"red\"}}]}]}";

        assertThat(flatten(adf)).isEqualTo("Title\none\ntwo\nrm -rf /tmp/x\necho \"done\"\ndue 1715770800000\nBLOCKED");
    }

    @Test
    void anEmptyDocumentIsEmptyText() throws Exception {
        assertThat(flatten("{\"type\":\"doc\",\"version\":1,\"content\":[]}")).isEmpty();
    }

    @Test
    void contentThatIsNotAnArrayNamesItsPath() {
        assertThatThrownBy(() -> flatten("{\"type\":\"doc\",\"content\":[{\"type\":\"paragraph\",\"content\":\"x\"}]}"))
                .isInstanceOf(dev.eventagent.api.MalformedEventException.class)
                .hasMessage("wrong shape at $.content[0].content: expected an array, found a string ('x')");
    }

    private static String flatten(String adf) throws dev.eventagent.api.MalformedEventException, IOException {
        return AtlassianDocumentText.toPlainText(JsonObjectView.root(Json.readObject(adf)));
    }
}
