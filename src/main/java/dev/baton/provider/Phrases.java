package dev.baton.provider;

import java.util.List;
import java.util.Locale;

/** Wordings providers use for one kind of failure, matched case-insensitively anywhere in an error message. */
final class Phrases {
    private final List<String> phrases;

    Phrases(String... phrases) {
        this.phrases = List.of(phrases);
    }

    boolean in(String message) {
        if (message == null) return false;
        String m = message.toLowerCase(Locale.ROOT);
        for (String p : phrases) {
            if (m.contains(p)) return true;
        }
        return false;
    }
}
