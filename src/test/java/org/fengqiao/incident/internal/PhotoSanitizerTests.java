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
