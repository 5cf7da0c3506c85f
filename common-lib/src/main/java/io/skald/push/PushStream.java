package io.skald.push;

import java.util.List;

/** One stream of a push: its label text exactly as the client sent it ({@code {app="api"}}) and its entries. */
public record PushStream(String labels, List<PushEntry> entries) {
    public PushStream {
        entries = List.copyOf(entries);
    }
}
