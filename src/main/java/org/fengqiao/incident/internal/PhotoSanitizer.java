package org.fengqiao.incident.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fengqiao.platform.Invalid;

/**
 * Photos as residents send them, made safe to keep: the type is read from the first bytes (never the file
 * name), and everything that can say where or when a photo was taken, or by whom, is dropped by rewriting the
 * container without those segments (the pixels are not decoded nor re-encoded):
 * <ul>
 * <li>JPEG: only the segments an image needs are kept (frame, tables, scans, JFIF, the ICC profile, Adobe);
 * every other APPn (APP1 Exif with its GPS directory, APP1 XMP, Photoshop/IPTC, maker segments), comments and
 * whatever follows the end of the image (a phone's second picture with its own Exif) are left out;</li>
 * <li>PNG: only the chunks that draw the image are kept; eXIf, tEXt, zTXt, iTXt, tIME and unknown chunks go;</li>
 * <li>WebP: the EXIF and XMP chunks (and unknown ones) go, and VP8X no longer announces them.</li>
 * </ul>
 * A JPEG's orientation lives in its Exif: a phone holds a portrait photo's pixels sideways and says so there, so of
 * the Exif only the orientation is written back (a new segment with that one tag, nothing copied), or every portrait
 * photo a resident sent would show turned on his tracking page and to the staff.
 */
public final class PhotoSanitizer {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String WEBP = "image/webp";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> PNG_KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB",
            "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT");
    private static final Set<String> WEBP_KEPT = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");

    /** A photo ready to store: its type, its bytes without metadata, and what was taken out. */
    public record Clean(String contentType, byte[] bytes, List<String> removed) {
    }

    private PhotoSanitizer() {
    }

    /** The type the bytes say they are, if one of the three accepted. */
    public static Optional<String> typeOf(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** The photo without metadata; {@link Invalid} (field {@code photos}) when it is no JPEG, PNG or WebP, or broken. */
    public static Clean clean(byte[] bytes) {
        String type = typeOf(bytes).orElseThrow(() -> Invalid.of("photos", "incident.photo.type"));
        try {
            return switch (type) {
                case JPEG -> jpeg(bytes);
                case PNG -> png(bytes);
                default -> webp(bytes);
            };
        } catch (Broken | IndexOutOfBoundsException e) {
            throw Invalid.of("photos", "incident.photo.broken");
        }
    }

    private static final class Broken extends RuntimeException {
        Broken() {
            super(null, null, false, false);
        }
    }

    static Clean jpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        List<String> removed = new ArrayList<>();
        out.write(0xff);
        out.write(0xd8);
        int p = 2;
        boolean ended = false;
        boolean oriented = false;
        while (p < b.length) {
            if ((b[p] & 0xff) != 0xff) {
                throw new Broken();
            }
            while (p < b.length && (b[p] & 0xff) == 0xff) {
                p++; // fill bytes
            }
            if (p >= b.length) {
                throw new Broken();
            }
            int marker = b[p] & 0xff;
            p++;
            if (marker == 0xd9) {
                out.write(0xff);
                out.write(0xd9);
                ended = true;
                break;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x00) {
                throw new Broken(); // standalone markers belong inside a scan, not between segments
            }
            int length = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
            if (length < 2 || p + length > b.length) {
                throw new Broken();
            }
            if (keepJpegSegment(marker, b, p + 2, length - 2)) {
                out.write(0xff);
                out.write(marker);
                out.write(b, p, length);
            } else {
                removed.add(jpegName(marker, b, p + 2, length - 2));
                int orientation = marker == 0xe1 && !oriented ? orientation(b, p + 2, length - 2) : 0;
                if (orientation != 0) {
                    out.write(orientationExif(orientation), 0, ORIENTATION_SEGMENT);
                    oriented = true;
                }
            }
            p += length;
            if (marker == 0xda) {
                // the entropy-coded scan: copied as is up to the next marker (0xff not followed by a stuffed 0 or a restart)
                int start = p;
                while (p + 1 < b.length) {
                    if ((b[p] & 0xff) == 0xff) {
                        int next = b[p + 1] & 0xff;
                        if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) {
                            break;
                        }
                        p += next == 0xff ? 1 : 2;
                    } else {
                        p++;
                    }
                }
                if (p + 1 >= b.length) {
                    throw new Broken();
                }
                out.write(b, start, p - start);
            }
        }
        if (!ended) {
            throw new Broken();
        }
        if (p < b.length) {
            removed.add("after end of image");
        }
        return new Clean(JPEG, out.toByteArray(), removed);
    }

    /** The length of the APP1 segment {@link #orientationExif} writes, its marker included. */
    private static final int ORIENTATION_SEGMENT = 36;

    /**
     * The orientation (Exif tag 0x0112, 2 to 8: turned or mirrored) an APP1 Exif segment's first directory gives, or 0
     * for none, the upright 1, or a segment that cannot be read (the photo then shows as its pixels lie, as before).
     */
    static int orientation(byte[] b, int data, int length) {
        if (!startsWith(b, data, length, "Exif\0\0") || length < 6 + 8) {
            return 0;
        }
        int tiff = data + 6;
        int size = length - 6;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        long ifd = unsigned(b, tiff + 4, 4, little);
        if (ifd < 8 || ifd + 2 > size) {
            return 0;
        }
        int entries = (int) unsigned(b, tiff + (int) ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            long at = ifd + 2 + 12L * e;
            if (at + 12 > size) {
                return 0;
            }
            int entry = tiff + (int) at;
            if (unsigned(b, entry, 2, little) == 0x0112 && unsigned(b, entry + 2, 2, little) == 3
                    && unsigned(b, entry + 4, 4, little) == 1) {
                int value = (int) unsigned(b, entry + 8, 2, little);
                return value >= 2 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    /** An APP1 segment of Exif holding the orientation alone: big-endian TIFF, one directory of one entry. */
    private static byte[] orientationExif(int orientation) {
        java.nio.ByteBuffer s = java.nio.ByteBuffer.allocate(ORIENTATION_SEGMENT);
        s.put((byte) 0xff).put((byte) 0xe1).putShort((short) (ORIENTATION_SEGMENT - 2));
        s.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        s.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        s.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
                .putShort((short) 0);
        s.putInt(0);
        return s.array();
    }

    private static long unsigned(byte[] b, int p, int bytes, boolean little) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            int k = little ? bytes - 1 - i : i;
            v = (v << 8) | (b[p + k] & 0xff);
        }
        return v;
    }

    private static boolean keepJpegSegment(int marker, byte[] b, int data, int length) {
        if (marker == 0xfe) {
            return false; // COM
        }
        if (marker < 0xe0 || marker > 0xef) {
            return true; // frames, tables, scans, restart interval
        }
        return switch (marker) {
            case 0xe0 -> startsWith(b, data, length, "JFIF\0") || startsWith(b, data, length, "JFXX\0");
            case 0xe2 -> startsWith(b, data, length, "ICC_PROFILE\0");
            case 0xee -> startsWith(b, data, length, "Adobe");
            default -> false;
        };
    }

    private static String jpegName(int marker, byte[] b, int data, int length) {
        if (marker == 0xfe) {
            return "COM";
        }
        String name = "APP" + (marker - 0xe0);
        if (startsWith(b, data, length, "Exif\0")) {
            return name + ":Exif";
        }
        if (startsWith(b, data, length, "http://ns.adobe.com/xap/1.0/") || startsWith(b, data, length, "http://ns.adobe.com/xmp/")) {
            return name + ":XMP";
        }
        if (startsWith(b, data, length, "Photoshop 3.0")) {
            return name + ":Photoshop";
        }
        return name;
    }

    static Clean png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        List<String> removed = new ArrayList<>();
        out.write(b, 0, 8);
        int p = 8;
        boolean first = true;
        boolean ended = false;
        while (p + 8 <= b.length) {
            long length = readInt(b, p) & 0xffffffffL;
            String type = ascii(b, p + 4, 4);
            if (length > b.length - p - 12L) {
                throw new Broken();
            }
            if (first && !type.equals("IHDR")) {
                throw new Broken();
            }
            first = false;
            int total = (int) length + 12;
            if (PNG_KEPT.contains(type)) {
                out.write(b, p, total);
            } else {
                removed.add(type);
            }
            p += total;
            if (type.equals("IEND")) {
                ended = true;
                break;
            }
        }
        if (!ended) {
            throw new Broken();
        }
        if (p < b.length) {
            removed.add("after IEND");
        }
        return new Clean(PNG, out.toByteArray(), removed);
    }

    static Clean webp(byte[] b) {
        long riff = readIntLittle(b, 4) & 0xffffffffL;
        int end = (int) Math.min(b.length, riff + 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream(b.length);
        List<String> removed = new ArrayList<>();
        int p = 12;
        boolean image = false;
        while (p + 8 <= end) {
            String type = ascii(b, p, 4);
            long size = readIntLittle(b, p + 4) & 0xffffffffL;
            long padded = size + (size & 1);
            if (p + 8 + size > end) {
                throw new Broken();
            }
            int total = (int) Math.min(8 + padded, end - p);
            if (WEBP_KEPT.contains(type)) {
                byte[] chunk = Arrays.copyOfRange(b, p, p + total);
                if (type.equals("VP8X") && size >= 1) {
                    if ((chunk[8] & 0x0c) != 0) {
                        removed.add("VP8X flags");
                    }
                    chunk[8] = (byte) (chunk[8] & ~0x0c); // no longer announces EXIF (0x08) nor XMP (0x04)
                }
                body.write(chunk, 0, chunk.length);
                if (total < 8 + padded) {
                    body.write(0); // the padding byte a writer forgot
                }
                image |= type.startsWith("VP8") || type.equals("ANMF");
            } else {
                removed.add(type.trim());
            }
            p += total;
        }
        if (!image) {
            throw new Broken();
        }
        byte[] chunks = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks.length + 12);
        out.write(b, 0, 4);
        int size = chunks.length + 4;
        out.write(size & 0xff);
        out.write((size >>> 8) & 0xff);
        out.write((size >>> 16) & 0xff);
        out.write((size >>> 24) & 0xff);
        out.write(b, 8, 4);
        out.write(chunks, 0, chunks.length);
        return new Clean(WEBP, out.toByteArray(), removed);
    }

    private static boolean startsWith(byte[] b, int offset, int length, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (length < p.length || offset + p.length > b.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[offset + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static int readIntLittle(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((b[p + 3] & 0xff) << 24);
    }
}
