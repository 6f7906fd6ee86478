package org.fengqiao.platform;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1 to 10 (up to 213
 * bytes), the mask chosen by the standard's penalty rules. No QR library is available offline to this build,
 * so the codes (a points voucher's, an officer's review card's) are drawn here; the tests read the symbol back
 * (format information, Reed-Solomon syndromes, the data) from the PNG.
 */
public final class QrCode {

    /** Error correction codewords per block and number of blocks at level M, by version (index 0 unused). */
    private static final int[] ECC_PER_BLOCK = {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
    private static final int[] BLOCKS = {-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
    static final int MAX_VERSION = 10;
    /** Level M's two format bits. */
    private static final int FORMAT_M = 0;

    private final int version;
    private final int size;
    private final boolean[][] modules;
    private final boolean[][] function;
    private final int mask;

    private QrCode(int version, byte[] codewords) {
        this.version = version;
        this.size = version * 4 + 17;
        this.modules = new boolean[size][size];
        this.function = new boolean[size][size];
        drawFunctionPatterns();
        drawCodewords(codewords);
        int best = 0;
        int bestPenalty = Integer.MAX_VALUE;
        for (int m = 0; m < 8; m++) {
            applyMask(m);
            drawFormatBits(m);
            int penalty = penalty();
            if (penalty < bestPenalty) {
                best = m;
                bestPenalty = penalty;
            }
            applyMask(m);
        }
        this.mask = best;
        applyMask(best);
        drawFormatBits(best);
    }

    public static QrCode encode(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        for (int v = 1; v <= MAX_VERSION; v++) {
            int capacityBits = dataCodewords(v) * 8;
            int needed = 4 + (v <= 9 ? 8 : 16) + data.length * 8;
            if (needed <= capacityBits) {
                return new QrCode(v, addEccAndInterleave(v, dataCodewords(v, data)));
            }
        }
        throw new IllegalArgumentException("text too long for a version " + MAX_VERSION + " QR code");
    }

    public int version() {
        return version;
    }

    public int size() {
        return size;
    }

    public int mask() {
        return mask;
    }

    /** Whether the module at column x, row y is dark. */
    public boolean dark(int x, int y) {
        return modules[y][x];
    }

    /** A black-on-white PNG, {@code scale} pixels per module and a quiet zone of four modules. */
    public byte[] png(int scale) {
        int border = 4;
        int px = (size + border * 2) * scale;
        BufferedImage image = new BufferedImage(px, px, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < px; y++) {
            for (int x = 0; x < px; x++) {
                int mx = x / scale - border;
                int my = y / scale - border;
                boolean dark = mx >= 0 && my >= 0 && mx < size && my < size && modules[my][mx];
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- data ----

    static int rawDataModules(int ver) {
        int result = (16 * ver + 128) * ver + 64;
        if (ver >= 2) {
            int numAlign = ver / 7 + 2;
            result -= (25 * numAlign - 10) * numAlign - 55;
            if (ver >= 7) {
                result -= 36;
            }
        }
        return result;
    }

    static int dataCodewords(int ver) {
        return rawDataModules(ver) / 8 - ECC_PER_BLOCK[ver] * BLOCKS[ver];
    }

    private static byte[] dataCodewords(int ver, byte[] data) {
        List<Boolean> bits = new ArrayList<>();
        append(bits, 0b0100, 4);
        append(bits, data.length, ver <= 9 ? 8 : 16);
        for (byte b : data) {
            append(bits, b & 0xFF, 8);
        }
        int capacity = dataCodewords(ver) * 8;
        append(bits, 0, Math.min(4, capacity - bits.size()));
        append(bits, 0, (8 - bits.size() % 8) % 8);
        for (int pad = 0xEC; bits.size() < capacity; pad ^= 0xEC ^ 0x11) {
            append(bits, pad, 8);
        }
        byte[] result = new byte[capacity / 8];
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i)) {
                result[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
            }
        }
        return result;
    }

    private static void append(List<Boolean> bits, int value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            bits.add(((value >>> i) & 1) != 0);
        }
    }

    private static byte[] addEccAndInterleave(int ver, byte[] data) {
        int numBlocks = BLOCKS[ver];
        int eccLen = ECC_PER_BLOCK[ver];
        int raw = rawDataModules(ver) / 8;
        int numShort = numBlocks - raw % numBlocks;
        int shortLen = raw / numBlocks;
        byte[][] blocks = new byte[numBlocks][];
        byte[] divisor = reedSolomonDivisor(eccLen);
        for (int i = 0, k = 0; i < numBlocks; i++) {
            int datLen = shortLen - eccLen + (i < numShort ? 0 : 1);
            byte[] dat = java.util.Arrays.copyOfRange(data, k, k + datLen);
            k += datLen;
            byte[] ecc = reedSolomonRemainder(dat, divisor);
            byte[] block = new byte[shortLen + 1];
            System.arraycopy(dat, 0, block, 0, datLen);
            // short blocks keep a gap before their ECC so that all blocks line up when interleaved
            System.arraycopy(ecc, 0, block, shortLen + 1 - eccLen, eccLen);
            blocks[i] = block;
        }
        byte[] result = new byte[raw];
        int n = 0;
        for (int i = 0; i < blocks[0].length; i++) {
            for (int j = 0; j < numBlocks; j++) {
                if (i != shortLen - eccLen || j >= numShort) {
                    result[n++] = blocks[j][i];
                }
            }
        }
        return result;
    }

    static byte[] reedSolomonDivisor(int degree) {
        byte[] result = new byte[degree];
        result[degree - 1] = 1;
        int root = 1;
        for (int i = 0; i < degree; i++) {
            for (int j = 0; j < degree; j++) {
                result[j] = (byte) multiply(result[j] & 0xFF, root);
                if (j + 1 < degree) {
                    result[j] ^= result[j + 1];
                }
            }
            root = multiply(root, 0x02);
        }
        return result;
    }

    static byte[] reedSolomonRemainder(byte[] data, byte[] divisor) {
        byte[] result = new byte[divisor.length];
        for (byte b : data) {
            int factor = (b ^ result[0]) & 0xFF;
            System.arraycopy(result, 1, result, 0, result.length - 1);
            result[result.length - 1] = 0;
            for (int i = 0; i < result.length; i++) {
                result[i] ^= (byte) multiply(divisor[i] & 0xFF, factor);
            }
        }
        return result;
    }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
    static int multiply(int x, int y) {
        int z = 0;
        for (int i = 7; i >= 0; i--) {
            z = (z << 1) ^ ((z >>> 7) * 0x11D);
            z ^= ((y >>> i) & 1) * x;
        }
        return z & 0xFF;
    }

    // ---- drawing ----

    private void set(int x, int y, boolean dark) {
        modules[y][x] = dark;
        function[y][x] = true;
    }

    private void drawFunctionPatterns() {
        for (int i = 0; i < size; i++) {
            set(6, i, i % 2 == 0);
            set(i, 6, i % 2 == 0);
        }
        finder(3, 3);
        finder(size - 4, 3);
        finder(3, size - 4);
        int[] align = alignmentPositions(version);
        int n = align.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!(i == 0 && j == 0 || i == 0 && j == n - 1 || i == n - 1 && j == 0)) {
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            set(align[i] + dx, align[j] + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
                        }
                    }
                }
            }
        }
        drawFormatBits(0);
        if (version >= 7) {
            int rem = version;
            for (int i = 0; i < 12; i++) {
                rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
            }
            int bits = version << 12 | rem;
            for (int i = 0; i < 18; i++) {
                boolean bit = ((bits >>> i) & 1) != 0;
                int a = size - 11 + i % 3;
                int b = i / 3;
                set(a, b, bit);
                set(b, a, bit);
            }
        }
    }

    private void finder(int x, int y) {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int dist = Math.max(Math.abs(dx), Math.abs(dy));
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && xx < size && yy >= 0 && yy < size) {
                    set(xx, yy, dist != 2 && dist != 4);
                }
            }
        }
    }

    static int[] alignmentPositions(int ver) {
        if (ver == 1) {
            return new int[0];
        }
        int numAlign = ver / 7 + 2;
        int step = (ver * 8 + numAlign * 3 + 5) / (numAlign * 4 - 4) * 2;
        int[] result = new int[numAlign];
        result[0] = 6;
        for (int i = numAlign - 1, pos = ver * 4 + 10; i >= 1; i--, pos -= step) {
            result[i] = pos;
        }
        return result;
    }

    /** The 15 format bits of level M and a mask: BCH(15,5), XOR 101010000010010. */
    static int formatBits(int mask) {
        int data = FORMAT_M << 3 | mask;
        int rem = data;
        for (int i = 0; i < 10; i++) {
            rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
        }
        return (data << 10 | rem) ^ 0x5412;
    }

    private void drawFormatBits(int mask) {
        int bits = formatBits(mask);
        for (int i = 0; i <= 5; i++) {
            set(8, i, bit(bits, i));
        }
        set(8, 7, bit(bits, 6));
        set(8, 8, bit(bits, 7));
        set(7, 8, bit(bits, 8));
        for (int i = 9; i < 15; i++) {
            set(14 - i, 8, bit(bits, i));
        }
        for (int i = 0; i < 8; i++) {
            set(size - 1 - i, 8, bit(bits, i));
        }
        for (int i = 8; i < 15; i++) {
            set(8, size - 15 + i, bit(bits, i));
        }
        set(8, size - 8, true);
    }

    private static boolean bit(int x, int i) {
        return ((x >>> i) & 1) != 0;
    }

    private void drawCodewords(byte[] data) {
        int i = 0;
        for (int right = size - 1; right >= 1; right -= 2) {
            if (right == 6) {
                right = 5;
            }
            for (int vert = 0; vert < size; vert++) {
                for (int j = 0; j < 2; j++) {
                    int x = right - j;
                    boolean upward = ((right + 1) & 2) == 0;
                    int y = upward ? size - 1 - vert : vert;
                    if (!function[y][x] && i < data.length * 8) {
                        modules[y][x] = bit(data[i >>> 3], 7 - (i & 7));
                        i++;
                    }
                }
            }
        }
    }

    static boolean maskBit(int mask, int x, int y) {
        return switch (mask) {
            case 0 -> (x + y) % 2 == 0;
            case 1 -> y % 2 == 0;
            case 2 -> x % 3 == 0;
            case 3 -> (x + y) % 3 == 0;
            case 4 -> (x / 3 + y / 2) % 2 == 0;
            case 5 -> x * y % 2 + x * y % 3 == 0;
            case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
            case 7 -> ((x + y) % 2 + x * y % 3) % 2 == 0;
            default -> throw new IllegalArgumentException("mask " + mask);
        };
    }

    private void applyMask(int mask) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (!function[y][x] && maskBit(mask, x, y)) {
                    modules[y][x] = !modules[y][x];
                }
            }
        }
    }

    /** The penalty rules N1 (runs of five or more), N2 (2x2 blocks), N3 (finder-like runs) and N4 (balance). */
    private int penalty() {
        int result = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < size; a++) {
                int run = 1;
                StringBuilder line = new StringBuilder(size);
                for (int b = 0; b < size; b++) {
                    boolean here = pass == 0 ? modules[a][b] : modules[b][a];
                    line.append(here ? '1' : '0');
                    if (b > 0) {
                        boolean prev = pass == 0 ? modules[a][b - 1] : modules[b - 1][a];
                        if (here == prev) {
                            run++;
                            if (run == 5) {
                                result += 3;
                            } else if (run > 5) {
                                result++;
                            }
                        } else {
                            run = 1;
                        }
                    }
                }
                String s = "0000" + line + "0000";
                for (int k = s.indexOf("10111010000"); k >= 0; k = s.indexOf("10111010000", k + 1)) {
                    result += 40;
                }
                for (int k = s.indexOf("00001011101"); k >= 0; k = s.indexOf("00001011101", k + 1)) {
                    result += 40;
                }
            }
        }
        int dark = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (modules[y][x]) {
                    dark++;
                }
                if (x + 1 < size && y + 1 < size) {
                    boolean c = modules[y][x];
                    if (c == modules[y][x + 1] && c == modules[y + 1][x] && c == modules[y + 1][x + 1]) {
                        result += 3;
                    }
                }
            }
        }
        int total = size * size;
        int k = (Math.abs(dark * 20 - total * 10) + total - 1) / total - 1;
        result += Math.max(0, k) * 10;
        return result;
    }
}
