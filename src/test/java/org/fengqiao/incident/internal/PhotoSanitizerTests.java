package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fengqiao.incident.TestPhotos;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class PhotoSanitizerTests {

    static void samePixels(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                assertThat(b.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(a.getRGB(x, y));
            }
        }
    }

    @Test
    void aJpegLosesItsGpsExifXmpAndCommentAndKeepsEveryPixel() {
        byte[] photo = TestPhotos.jpegWithGps(30.2741, 120.1551);
        assertThat(TestPhotos.gpsOf(photo)).as("the test photo carries a GPS position").hasValueSatisfying(p -> {
            assertThat(p[0]).isCloseTo(30.2741, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(p[1]).isCloseTo(120.1551, org.assertj.core.data.Offset.offset(0.0001));
        });

        PhotoSanitizer.Clean clean = PhotoSanitizer.clean(photo);

        assertThat(clean.contentType()).isEqualTo("image/jpeg");
        assertThat(TestPhotos.gpsOf(clean.bytes())).isEmpty();
        assertThat(TestPhotos.contains(clean.bytes(), "Exif")).isFalse();
        assertThat(TestPhotos.contains(clean.bytes(), "xmpmeta")).isFalse();
        assertThat(TestPhotos.contains(clean.bytes(), "taken at home")).isFalse();
        assertThat(TestPhotos.contains(clean.bytes(), "JFIF")).as("the JFIF header stays").isTrue();
        assertThat(clean.removed()).containsExactly("APP1:Exif", "APP1:XMP", "COM");
        samePixels(TestPhotos.decode(photo), TestPhotos.decode(clean.bytes()));
    }

    /**
     * A phone keeps a portrait photo's pixels sideways and says "turn it" in the Exif (orientation 6): that one tag is
     * written back, nothing else of the Exif (here its GPS position, its camera and its time), so the photo shows
     * upright on the resident's tracking page and to the staff, and says no more than before where it was taken.
     */
    @Test
    void aJpegKeepsItsOrientationAloneSoAPortraitPhotoShowsUpright() {
        for (ByteOrder order : java.util.List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] plain = TestPhotos.encode(TestPhotos.picture(), "jpg");
            ByteBuffer t = ByteBuffer.allocate(96).order(order);
            t.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42)
                    .putInt(8);
            // IFD0: Make (ASCII at 62), Orientation 6, DateTime (ASCII at 70), GPS pointer (to an empty IFD at 90)
            t.putShort((short) 4);
            t.putShort((short) 0x010f).putShort((short) 2).putInt(8).putInt(62);
            t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
            t.putShort((short) 0x0132).putShort((short) 2).putInt(20).putInt(70);
            t.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(90);
            t.putInt(0);
            t.put("PhoneCo\0".getBytes(StandardCharsets.ISO_8859_1));
            t.put("2026:12:01 08:30:00\0".getBytes(StandardCharsets.ISO_8859_1));
            t.putShort((short) 0).putInt(0);
            byte[] exif = new byte[6 + 96];
            System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
            System.arraycopy(t.array(), 0, exif, 6, 96);
            java.io.ByteArrayOutputStream photo = new java.io.ByteArrayOutputStream();
            photo.write(0xff);
            photo.write(0xd8);
            photo.write(0xff);
            photo.write(0xe1);
            photo.write((exif.length + 2) >> 8);
            photo.write((exif.length + 2) & 0xff);
            photo.write(exif, 0, exif.length);
            photo.write(plain, 2, plain.length - 2);
            byte[] sent = photo.toByteArray();
            assertThat(TestPhotos.contains(sent, "PhoneCo")).isTrue();

            PhotoSanitizer.Clean clean = PhotoSanitizer.clean(sent);

            assertThat(clean.removed()).as(order.toString()).containsExactly("APP1:Exif");
            assertThat(TestPhotos.contains(clean.bytes(), "PhoneCo")).as(order.toString()).isFalse();
            assertThat(TestPhotos.contains(clean.bytes(), "2026:12:01")).as(order.toString()).isFalse();
            assertThat(exifEntries(clean.bytes())).as(order.toString()).containsExactly(new int[] {0x0112, 6});
            samePixels(TestPhotos.decode(sent), TestPhotos.decode(clean.bytes()));
        }
        // an upright photo (orientation 1) needs none: no Exif is written
        assertThat(TestPhotos.contains(PhotoSanitizer.clean(TestPhotos.jpegWithGps(30.1, 120.1)).bytes(), "Exif")).isFalse();
    }

    /** The tags and first values of the first Exif segment's IFD0 in a JPEG, as a viewer reads them. */
    static java.util.List<int[]> exifEntries(byte[] jpeg) {
        java.util.List<int[]> entries = new java.util.ArrayList<>();
        int p = 2;
        while (p + 4 < jpeg.length && (jpeg[p] & 0xff) == 0xff) {
            int marker = jpeg[p + 1] & 0xff;
            int length = ((jpeg[p + 2] & 0xff) << 8) | (jpeg[p + 3] & 0xff);
            if (marker == 0xda) {
                break;
            }
            if (marker == 0xe1 && new String(jpeg, p + 4, 4, StandardCharsets.ISO_8859_1).equals("Exif")) {
                ByteBuffer t = ByteBuffer.wrap(jpeg, p + 10, length - 8).slice();
                t.order(t.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                int ifd = t.getInt(4);
                for (int e = 0; e < t.getShort(ifd); e++) {
                    int at = ifd + 2 + e * 12;
                    entries.add(new int[] {t.getShort(at) & 0xffff, t.getShort(at + 8) & 0xffff});
                }
                return entries;
            }
            p += 2 + length;
        }
        return entries;
    }

    @Test
    void whateverFollowsTheEndOfAJpegIsDropped() {
        byte[] photo = TestPhotos.jpegWithGps(30.1, 120.1);
        byte[] second = TestPhotos.jpegWithGps(31.5, 121.5);
        byte[] both = Arrays.copyOf(photo, photo.length + second.length);
        System.arraycopy(second, 0, both, photo.length, second.length);
        PhotoSanitizer.Clean clean = PhotoSanitizer.clean(both);
        assertThat(clean.removed()).contains("after end of image");
        assertThat(TestPhotos.contains(clean.bytes(), "Exif")).isFalse();
        assertThat(clean.bytes().length).isLessThan(photo.length);
    }

    @Test
    void aPngLosesItsTextExifAndTimeChunks() {
        byte[] photo = TestPhotos.pngWithMetadata(30.2741, 120.1551);
        assertThat(TestPhotos.pngChunks(photo)).contains("tEXt", "eXIf", "tIME");
        PhotoSanitizer.Clean clean = PhotoSanitizer.clean(photo);
        assertThat(clean.contentType()).isEqualTo("image/png");
        assertThat(TestPhotos.pngChunks(clean.bytes())).doesNotContain("tEXt", "eXIf", "tIME").startsWith("IHDR")
                .endsWith("IEND");
        assertThat(TestPhotos.contains(clean.bytes(), "30.2741")).isFalse();
        samePixels(TestPhotos.decode(photo), TestPhotos.decode(clean.bytes()));
    }

    @Test
    void aWebpLosesItsExifAndXmpChunksAndNoLongerAnnouncesThem() {
        byte[] photo = TestPhotos.webpWithMetadata(30.2741, 120.1551);
        PhotoSanitizer.Clean clean = PhotoSanitizer.clean(photo);
        byte[] b = clean.bytes();
        assertThat(clean.contentType()).isEqualTo("image/webp");
        assertThat(TestPhotos.webpChunks(b)).containsExactly("VP8X", "VP8L");
        assertThat(b[20] & 0x0c).as("VP8X flags: no EXIF, no XMP").isZero();
        assertThat(ByteBuffer.wrap(b, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(b.length - 8);
        assertThat(TestPhotos.contains(b, "GPS")).isFalse();
        // the image data is untouched, its padding byte included
        assertThat(Arrays.copyOfRange(b, 30, 48)).isEqualTo(Arrays.copyOfRange(photo, 30, 48));
    }

    @Test
    void theTypeComesFromTheBytesNotTheName() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PhotoSanitizer.clean(gif)).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).problems().get(0).key()).isEqualTo("incident.photo.type"));
        byte[] html = "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        assertThat(PhotoSanitizer.typeOf(html)).isEmpty();
        assertThat(PhotoSanitizer.typeOf(TestPhotos.encode(TestPhotos.picture(), "png"))).hasValue("image/png");
        assertThat(PhotoSanitizer.typeOf(TestPhotos.encode(TestPhotos.picture(), "bmp"))).isEmpty();
    }

    @Test
    void aBrokenImageIsRefusedNotStoredHalf() {
        byte[] photo = TestPhotos.jpegWithGps(30.1, 120.1);
        byte[] cut = Arrays.copyOf(photo, photo.length / 2);
        assertThatThrownBy(() -> PhotoSanitizer.clean(cut)).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).problems().get(0).key()).isEqualTo("incident.photo.broken"));
        byte[] png = TestPhotos.encode(TestPhotos.picture(), "png");
        assertThatThrownBy(() -> PhotoSanitizer.clean(Arrays.copyOf(png, png.length - 12))).isInstanceOf(Invalid.class);
        byte[] webp = TestPhotos.webpWithMetadata(1, 1);
        assertThatThrownBy(() -> PhotoSanitizer.clean(Arrays.copyOf(webp, 24))).isInstanceOf(Invalid.class);
    }
}
