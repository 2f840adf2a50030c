package dev.baton.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping, and the frame every dashboard page shares (head, navigation, logout). */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String[][] NAV = {{"live", "Live"}, {"requests", "Requests"}, {"spend", "Spend"},
            {"timeline", "Timeline"}, {"journal", "Journal"}, {"keys", "Keys"}};

    private Html() {
    }

    /** Text for an element's content or a quoted attribute. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** JSON inside a `<script type="application/json">`: `</script>` cannot end it early. */
    static String jsonBlock(String id, String json) {
        return "<script type=\"application/json\" id=\"" + id + "\">" + json.replace("<", "\\u003c") + "</script>";
    }

    static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String usd(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    /** The hidden field every state-changing form carries. */
    static String csrf(UiSessions.Session s) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(s.csrf()) + "\">";
    }

    /** A whole page: {@code active} names the navigation entry to highlight, {@code scripts} are asset names. */
    static String page(String title, String active, UiSessions.Session session, String body, String... scripts) {
        StringBuilder b = new StringBuilder(4096 + body.length());
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append(" · Baton</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\">") // no /favicon.ico request
                .append("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">");
        for (String s : scripts) {
            if (s.endsWith(".css")) b.append("<link rel=\"stylesheet\" href=\"/ui/assets/").append(s).append("\">");
            else b.append("<script defer src=\"/ui/assets/").append(s).append("\"></script>");
        }
        b.append("</head><body><header><span class=\"brand\">Baton</span><nav>");
        if (session != null) {
            for (String[] n : NAV) {
                b.append("<a href=\"/ui/").append(n[0]).append('"').append(n[0].equals(active) ? " class=\"active\"" : "")
                        .append(" id=\"nav-").append(n[0]).append("\">").append(n[1]).append("</a>");
            }
        }
        b.append("</nav>");
        if (session != null) {
            b.append("<form method=\"post\" action=\"/ui/logout\" class=\"logout\">").append(csrf(session))
                    .append("<span>").append(esc(session.user())).append("</span><button type=\"submit\">Log out</button></form>");
        }
        b.append("</header><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>");
        return b.toString();
    }
}
