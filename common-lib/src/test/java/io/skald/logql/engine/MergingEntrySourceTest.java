package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.syntax.LabelMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergingEntrySourceTest {
    private static final Labels X = Labels.of("app", "x");
    private static final Labels Y = Labels.of("app", "y");
    private static final List<LabelMatcher> ANY = List.of(new LabelMatcher("app", LabelMatcher.Type.REGEX, ".+"));

    private static List<String> read(EntrySource source, Direction direction) {
        List<String> out = new ArrayList<>();
        try (StreamIterator it = source.select(new SelectRequest("t", ANY, 0, 100, direction, List.of()))) {
            for (SourceStream s = it.next(); s != null; s = it.next()) {
                EntryCursor c = s.entries();
                while (c.next()) {
                    out.add(s.labels().get("app") + "@" + c.timestampNanos() + ":"
                            + new String(c.line(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Test
    void replicasMergeByTimeAndDropExactDuplicates() {
        InMemoryEntrySource a = new InMemoryEntrySource();
        InMemoryEntrySource b = new InMemoryEntrySource();
        a.push("t", X, 1, "one");
        a.push("t", X, 3, "three");
        a.push("t", X, 3, "three-bis");
        b.push("t", X, 2, "two");
        b.push("t", X, 3, "three");
        b.push("t", X, 3, "three-ter");
        b.push("t", Y, 5, "only-b");
        MergingEntrySource merged = new MergingEntrySource(List.of(a, b));
        assertThat(read(merged, Direction.FORWARD))
                .containsExactly("x@1:one", "x@2:two", "x@3:three", "x@3:three-bis", "x@3:three-ter", "y@5:only-b");
        assertThat(read(merged, Direction.BACKWARD))
                .containsExactly("x@3:three-bis", "x@3:three", "x@3:three-ter", "x@2:two", "x@1:one", "y@5:only-b");
    }
}
