package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.fengqiao.platform.QrCode;
import org.junit.jupiter.api.Test;

class QrCodeTests {

    @Test
    void aVoucherAddressReadsBackFromThePng() throws Exception {
        String url = "http://localhost:8080/points/vouchers/JF7K2M9QX4RT8W/scan";
        byte[] png = QrCode.encode(url).png(8);
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo((QrCode.encode(url).size() + 8) * 8);
        assertThat(QrReader.read(png)).isEqualTo(url);
    }

    @Test
    void everyVersionUpToTenAndEveryMaskReadsBack() {
        Set<Integer> versions = new HashSet<>();
        Set<Integer> masks = new HashSet<>();
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 213; n += 3) {
            while (text.length() < n) {
                text.append((char) ('A' + text.length() % 26));
            }
            String t = text.toString() + "积分";
            if (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 213) {
                break;
            }
            QrCode qr = QrCode.encode(t);
            versions.add(qr.version());
            masks.add(qr.mask());
            boolean[][] m = new boolean[qr.size()][qr.size()];
            for (int y = 0; y < qr.size(); y++) {
                for (int x = 0; x < qr.size(); x++) {
                    m[y][x] = qr.dark(x, y);
                }
            }
            assertThat(QrReader.decode(m)).isEqualTo(t);
        }
        assertThat(versions).containsAll(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertThat(masks.size()).as("the penalty rules pick different masks").isGreaterThan(1);
    }

    @Test
    void theFinderPatternsSitInThreeCorners() {
        QrCode qr = QrCode.encode("JF1234");
        int s = qr.size();
        for (int[] corner : new int[][] {{0, 0}, {s - 7, 0}, {0, s - 7}}) {
            for (int i = 0; i < 7; i++) {
                assertThat(qr.dark(corner[0] + i, corner[1])).isTrue();
                assertThat(qr.dark(corner[0], corner[1] + i)).isTrue();
            }
            assertThat(qr.dark(corner[0] + 1, corner[1] + 1)).isFalse();
            assertThat(qr.dark(corner[0] + 3, corner[1] + 3)).isTrue();
        }
    }
}
