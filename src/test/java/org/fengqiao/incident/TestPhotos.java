package org.fengqiao.incident;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Photos for tests, built here: a real JPEG (encoded by ImageIO) carrying an Exif segment with a GPS
 * directory and an XMP packet, the way a phone's camera writes them; a PNG with tEXt and eXIf chunks; a
 * WebP container with EXIF and XMP chunks; and a small Exif reader that finds the GPS position again.
 */
public final class TestPhotos {

    private TestPhotos() {
    }

    public static BufferedImage picture() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, 32, 24);
        g.setColor(Color.ORANGE);
        g.fillOval(4, 4, 16, 16);
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG with APP1 Exif (IFD0 → GPS IFD with latitude and longitude) and APP1 XMP right after SOI. */
    public static byte[] jpegWithGps(double lat, double lon) {
        byte[] plain = encode(picture(), "jpg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        segment(out, 0xe1, exif(lat, lon, true));
        String xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
                + "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"" + lat + "N\"/></rdf:RDF></x:xmpmeta>";
        segment(out, 0xe1, xmp.getBytes(StandardCharsets.UTF_8));
        segment(out, 0xfe, "taken at home".getBytes(StandardCharsets.UTF_8));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xff);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xff);
        out.write(data, 0, data.length);
    }

    /** "Exif\0\0" (when asked) and a big-endian TIFF: IFD0 holding only the GPS pointer, the GPS IFD with N/E and rationals. */
    static byte[] exif(double lat, double lon, boolean header) {
        ByteBuffer b = ByteBuffer.allocate(128);
        b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        b.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        b.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        b.putInt(0);
        for (double v : new double[] {lat, lon}) {
            int deg = (int) v;
            int min = (int) ((v - deg) * 60);
            int sec100 = (int) Math.round(((v - deg) * 60 - min) * 60 * 100);
            b.putInt(deg).putInt(1).putInt(min).putInt(1).putInt(sec100).putInt(100);
        }
        byte[] tiff = b.array();
        if (!header) {
            return tiff;
        }
        byte[] all = new byte[tiff.length + 6];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, 6);
        System.arraycopy(tiff, 0, all, 6, tiff.length);
        return all;
    }

    /** The GPS latitude and longitude an Exif segment of this JPEG carries, read like a viewer would. */
    public static Optional<double[]> gpsOf(byte[] jpeg) {
        int p = 2;
        while (p + 4 < jpeg.length && (jpeg[p] & 0xff) == 0xff) {
            int marker = jpeg[p + 1] & 0xff;
            int length = ((jpeg[p + 2] & 0xff) << 8) | (jpeg[p + 3] & 0xff);
            if (marker == 0xda) {
                break;
            }
            if (marker == 0xe1 && new String(jpeg, p + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
                return gpsOfTiff(ByteBuffer.wrap(jpeg, p + 10, length - 8).slice());
            }
            p += 2 + length;
        }
        return Optional.empty();
    }

    static Optional<double[]> gpsOfTiff(ByteBuffer t) {
        int ifd0 = t.getInt(4);
        int entries = t.getShort(ifd0);
        for (int e = 0; e < entries; e++) {
            int at = ifd0 + 2 + e * 12;
            if ((t.getShort(at) & 0xffff) == 0x8825) {
                int gps = t.getInt(at + 8);
                double[] position = new double[2];
                int n = t.getShort(gps);
                for (int k = 0; k < n; k++) {
                    int entry = gps + 2 + k * 12;
                    int tag = t.getShort(entry);
                    if (tag == 2 || tag == 4) {
                        int off = t.getInt(entry + 8);
                        double v = (double) t.getInt(off) / t.getInt(off + 4) + (double) t.getInt(off + 8) / t.getInt(off + 12) / 60
                                + (double) t.getInt(off + 16) / t.getInt(off + 20) / 3600;
                        position[tag == 2 ? 0 : 1] = v;
                    }
                }
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }

    /** A PNG with tEXt (a comment naming a place) and eXIf (GPS) chunks after IHDR. */
    public static byte[] pngWithMetadata(double lat, double lon) {
        byte[] plain = encode(picture(), "png");
        int ihdrEnd = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, ihdrEnd);
        chunk(out, "tEXt", ("Comment\0taken at " + lat + "," + lon).getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "eXIf", exif(lat, lon, false));
        chunk(out, "tIME", new byte[] {0x07, (byte) 0xea, 11, 30, 8, 0, 0});
        out.write(plain, ihdrEnd, plain.length - ihdrEnd);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The chunk types of a PNG, in order. */
    public static List<String> pngChunks(byte[] png) {
        List<String> types = new ArrayList<>();
        int p = 8;
        while (p + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, p, 4).getInt();
            types.add(new String(png, p + 4, 4, StandardCharsets.ISO_8859_1));
            p += length + 12;
        }
        return types;
    }

    /**
     * A WebP container as a phone writes an extended one: VP8X announcing EXIF and XMP, the image data (an
     * odd-sized VP8L chunk with its padding byte), then the EXIF (GPS) and XMP chunks.
     */
    public static byte[] webpWithMetadata(double lat, double lon) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        riffChunk(chunks, "VP8X", new byte[] {0x0c, 0, 0, 0, 31, 0, 0, 23, 0, 0});
        riffChunk(chunks, "VP8L", new byte[] {0x2f, 31, (byte) 0xc0, 5, 0, 7, 0x10, 0x11, 0x12});
        riffChunk(chunks, "EXIF", exif(lat, lon, false));
        riffChunk(chunks, "XMP ", "<x:xmpmeta>GPS</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(body.length + 4).array());
        out.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }

    /** The chunk types of a WebP container, in order. */
    public static List<String> webpChunks(byte[] webp) {
        List<String> types = new ArrayList<>();
        int p = 12;
        while (p + 8 <= webp.length) {
            int size = ByteBuffer.wrap(webp, p + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
            types.add(new String(webp, p, 4, StandardCharsets.ISO_8859_1));
            p += 8 + size + (size & 1);
        }
        return types;
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
