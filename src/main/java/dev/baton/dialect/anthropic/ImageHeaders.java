package dev.baton.dialect.anthropic;

import java.util.Base64;

/**
 * Reads image width/height from the header of base64 data (PNG, JPEG, GIF, WebP) without
 * decoding the whole image: only a few KB of base64 are decoded, more only when a JPEG's
 * metadata segments (EXIF, ICC) push the frame header further in.
 */
final class ImageHeaders {

    private static final int PREFIX_CHARS = 8192;

    private ImageHeaders() {}

    /** {width, height}, or null when the format is unknown or the header unreadable. */
    static int[] dimensions(String base64) {
        if (base64 == null || base64.isEmpty()) return null;
        byte[] head = decodePrefix(base64, PREFIX_CHARS);
        if (head == null) return null;
        int[] wh = parse(head);
        if (wh == null && isJpeg(head) && base64.length() > PREFIX_CHARS) {
            byte[] all = decodePrefix(base64, base64.length());
            wh = all == null ? null : jpeg(all);
        }
        return wh == null || wh[0] <= 0 || wh[1] <= 0 ? null : wh;
    }

    private static byte[] decodePrefix(String base64, int chars) {
        String s = base64.length() <= chars ? base64 : base64.substring(0, chars);
        if (s.startsWith("data:")) s = s.substring(s.indexOf(',') + 1); // tolerate data URLs
        s = s.substring(0, s.length() - s.length() % 4); // whole quanta only
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int[] parse(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new int[] {be32(b, 16), be32(b, 20)}; // IHDR is always the first chunk
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new int[] {le16(b, 6), le16(b, 8)}; // logical screen descriptor
        }
        if (b.length >= 30 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return webp(b);
        if (isJpeg(b)) return jpeg(b);
        return null;
    }

    private static int[] webp(byte[] b) {
        if (ascii(b, 12, "VP8 ")) { // lossy: 14-bit sizes after the 0x9d012a start code
            return new int[] {le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
        }
        if (ascii(b, 12, "VP8L")) { // lossless: 0x2f, then 14 bits width-1, 14 bits height-1
            int bits = le16(b, 21) | le16(b, 23) << 16;
            return new int[] {(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
        }
        if (ascii(b, 12, "VP8X")) { // extended: 24-bit canvas width-1, height-1
            return new int[] {le24(b, 24) + 1, le24(b, 27) + 1};
        }
        return null;
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }

    /** Walks JPEG segments to the first SOFn marker; null if the data ends first. */
    private static int[] jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) return null;
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { i++; continue; } // fill byte
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
            int length = be16(b, i + 2);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 9 > b.length) return null;
                return new int[] {be16(b, i + 7), be16(b, i + 5)}; // height precedes width
            }
            if (marker == 0xD9 || marker == 0xDA || length < 2) return null; // no frame header before scan
            i += 2 + length;
        }
        return null;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (at + s.length() > b.length) return false;
        for (int k = 0; k < s.length(); k++) if (b[at + k] != s.charAt(k)) return false;
        return true;
    }

    private static int be16(byte[] b, int i) { return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF); }

    private static int be32(byte[] b, int i) { return be16(b, i) << 16 | be16(b, i + 2); }

    private static int le16(byte[] b, int i) { return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8; }

    private static int le24(byte[] b, int i) { return le16(b, i) | (b[i + 2] & 0xFF) << 16; }
}
