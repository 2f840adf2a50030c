package dev.baton.dialect.openai;

import dev.baton.canonical.Block;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.RequestValues;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A Chat Completions `content` (a string or an array of parts) → text and image blocks. */
final class OpenAiContent {
    private OpenAiContent() {
    }

    static List<Block> parts(JsonNode content, String where, boolean imagesAllowed) {
        List<Block> out = new ArrayList<>();
        if (content == null || content.isNull()) return out;
        if (content.isString()) {
            out.add(new Block.Text(content.asString()));
            return out;
        }
        if (!content.isArray()) throw new InvalidRequestException(where + ".content: must be a string or an array of content parts");
        int i = 0;
        for (JsonNode part : content) {
            String at = where + ".content[" + i++ + "]";
            if (!part.isObject()) throw new InvalidRequestException(at + ": must be a content part (an object with a type)");
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> out.add(new Block.Text(RequestValues.string(part.get("text"), at + ".text", "")));
                case "refusal" -> out.add(new Block.Text(RequestValues.string(part.get("refusal"), at + ".refusal", "")));
                case "image_url" -> {
                    if (!imagesAllowed) throw new InvalidRequestException(at + ": images are only allowed in user and tool messages");
                    out.add(image(RequestValues.string(part.path("image_url").get("url"), at + ".image_url.url", ""), at));
                }
                default -> throw new InvalidRequestException(at + ".type: unsupported content part type '" + type + "'");
            }
        }
        return out;
    }

    /** `data:image/png;base64,...` → an inline image; anything else is a URL the target fetches. */
    static Block.Image image(String url, String where) {
        if (url.isEmpty()) throw new InvalidRequestException(where + ".image_url.url: required");
        if (!url.startsWith("data:")) return Block.Image.url(url);
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.endsWith(";base64")) throw new InvalidRequestException(where + ".image_url.url: data URLs must be base64 encoded");
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        if (mediaType.isEmpty()) mediaType = "image/png";
        if (!RequestValues.isImageType(mediaType)) throw new InvalidRequestException(where + ".image_url.url: a data URL must hold an image (data:image/png;base64,...)");
        return Block.Image.base64(mediaType, url.substring(comma + 1));
    }
}
