package dev.baton.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A journal tag's name: `<prefix><model>-<yyyyMMdd-HHmmss>` (UTC), with `-2`, `-3`... when the name is taken within
 * the same second; `accepted-<model>-...` once the segment is accepted.
 *
 * @param prefix the prefix it carries (the configured one, or {@link #ACCEPTED})
 * @param model  the model as it appears in the name (sanitized for git)
 * @param stamp  `yyyyMMdd-HHmmss`
 * @param seq    1 for the plain name, 2, 3... for the suffixed ones
 */
public record TagName(String prefix, String model, String stamp, int seq) {
    public static final String ACCEPTED = "accepted-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int MAX_MODEL = 100;

    public static TagName of(String prefix, String model, Instant time, int seq) {
        return new TagName(prefix, sanitize(model), STAMP.format(time), seq);
    }

    public String name() {
        return prefix + model + "-" + stamp + (seq > 1 ? "-" + seq : "");
    }

    public boolean accepted() {
        return prefix.equals(ACCEPTED);
    }

    public TagName withPrefix(String other) {
        return new TagName(other, model, stamp, seq);
    }

    public TagName withSeq(int n) {
        return new TagName(prefix, model, stamp, n);
    }

    /** A journal tag name with {@code prefix} or `accepted-`; empty for any other tag. */
    public static Optional<TagName> parse(String name, String prefix) {
        for (String p : new String[] {prefix, ACCEPTED}) {
            if (!name.startsWith(p)) continue;
            Matcher m = Pattern.compile("(.+)-(\\d{8}-\\d{6})(?:-(\\d{1,6}))?").matcher(name.substring(p.length()));
            if (m.matches()) return Optional.of(new TagName(p, m.group(1), m.group(2), m.group(3) == null ? 1 : Integer.parseInt(m.group(3))));
        }
        return Optional.empty();
    }

    /**
     * A model name as a piece of a git ref: `anthropic/claude-sonnet-4-5[1m]` → `anthropic-claude-sonnet-4-5-1m`.
     * Keeps letters, digits, `.`, `_`, `-`; never produces `..`, a leading `-`/`.`, or a `.lock` ending.
     */
    public static String sanitize(String model) {
        String s = model == null ? "" : UNSAFE.matcher(model.strip()).replaceAll("-");
        s = s.replaceAll("\\.{2,}", ".").replaceAll("-{2,}", "-");
        s = s.replaceAll("^[-.]+", "").replaceAll("[-.]+$", "");
        if (s.length() > MAX_MODEL) s = s.substring(0, MAX_MODEL).replaceAll("[-.]+$", "");
        if (s.endsWith(".lock")) s = s.substring(0, s.length() - 5) + "-lock";
        return s.isEmpty() ? "unknown" : s;
    }
}
