package org.fengqiao.points;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Reads back a QR code drawn straight (as the voucher's PNG is): finds the module size from the top-left finder,
 * checks the format information against all 32 valid words, unmasks, reads the codewords in the standard's
 * zig-zag, de-interleaves the blocks, requires every Reed-Solomon syndrome to be zero and decodes the byte-mode
 * text. Written from the standard independently of the encoder, so an encoder mistake fails here.
 */
final class QrReader {

    // level M: ECC codewords per block and blocks, versions 1..10
    private static final int[] ECC = {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
    private static final int[] BLOCKS = {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
    private static final int[] EXP = new int[512];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < 512; i++) {
            EXP[i] = EXP[i - 255];
        }
    }

    private QrReader() {
    }

    static String read(byte[] png) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int w = image.getWidth();
        // the first dark pixel on the diagonal is the finder's corner; the finder is 7 modules wide
        int start = 0;
        while (!dark(image, start, start)) {
            start++;
        }
        int end = start;
        while (dark(image, end, start)) {
            end++;
        }
        double module = (end - start) / 7.0;
        int size = (int) Math.round((w - 2 * start) / module);
        boolean[][] m = new boolean[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                m[y][x] = dark(image, (int) (start + (x + 0.5) * module), (int) (start + (y + 0.5) * module));
            }
        }
        return decode(m);
    }

    private static boolean dark(BufferedImage image, int x, int y) {
        return (image.getRGB(x, y) & 0xFF) < 128;
    }

    static String decode(boolean[][] m) {
        int size = m.length;
        int version = (size - 17) / 4;
        if (version < 1 || version > 10 || version * 4 + 17 != size) {
            throw new IllegalStateException("size " + size);
        }
        // format information, first copy: around the top-left finder
        int read = 0;
        int[][] spots = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8}, {7, 8}, {5, 8}, {4, 8},
            {3, 8}, {2, 8}, {1, 8}, {0, 8}};
        for (int i = 0; i < 15; i++) {
            if (m[spots[i][1]][spots[i][0]]) {
                read |= 1 << i;
            }
        }
        int mask = -1;
        int level = -1;
        for (int data = 0; data < 32; data++) {
            int g = data << 10;
            for (int i = 14; i >= 10; i--) {
                if (((g >> i) & 1) != 0) {
                    g ^= 0x537 << (i - 10);
                }
            }
            if ((((data << 10) | g) ^ 0x5412) == read) {
                level = data >> 3;
                mask = data & 7;
            }
        }
        if (mask < 0) {
            throw new IllegalStateException("no valid format information");
        }
        if (level != 0) {
            throw new IllegalStateException("not level M: " + level);
        }
        boolean[][] reserved = reserved(version, size);
        // the codewords in zig-zag order, unmasked
        int total = 0;
        for (boolean[] row : reserved) {
            for (boolean r : row) {
                if (!r) {
                    total++;
                }
            }
        }
        byte[] raw = new byte[total / 8];
        int bit = 0;
        boolean up = true;
        for (int col = size - 1; col > 0; col -= 2) {
            if (col == 6) {
                col--;
            }
            for (int k = 0; k < size; k++) {
                int y = up ? size - 1 - k : k;
                for (int c = 0; c < 2; c++) {
                    int x = col - c;
                    if (reserved[y][x]) {
                        continue;
                    }
                    boolean v = m[y][x] ^ maskBit(mask, y, x);
                    if (bit / 8 < raw.length && v) {
                        raw[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                    }
                    bit++;
                }
            }
            up = !up;
        }
        // de-interleave
        int blocks = BLOCKS[version];
        int ecc = ECC[version];
        int dataTotal = raw.length - ecc * blocks;
        int shortData = dataTotal / blocks;
        int longCount = dataTotal % blocks;
        int[][] blockData = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            blockData[b] = new int[shortData + (b >= blocks - longCount ? 1 : 0) + ecc];
        }
        int p = 0;
        for (int i = 0; i < shortData + 1; i++) {
            for (int b = 0; b < blocks; b++) {
                int len = blockData[b].length - ecc;
                if (i < len) {
                    blockData[b][i] = raw[p++] & 0xFF;
                }
            }
        }
        for (int i = 0; i < ecc; i++) {
            for (int b = 0; b < blocks; b++) {
                blockData[b][blockData[b].length - ecc + i] = raw[p++] & 0xFF;
            }
        }
        StringBuilder bits = new StringBuilder();
        for (int[] block : blockData) {
            for (int s = 0; s < ecc; s++) {
                int syndrome = 0;
                for (int value : block) {
                    syndrome = multiply(syndrome, EXP[s]) ^ value;
                }
                if (syndrome != 0) {
                    throw new IllegalStateException("Reed-Solomon syndrome " + s + " is " + syndrome);
                }
            }
            for (int i = 0; i < block.length - ecc; i++) {
                String b = Integer.toBinaryString(block[i]);
                bits.append("0".repeat(8 - b.length())).append(b);
            }
        }
        if (!bits.substring(0, 4).equals("0100")) {
            throw new IllegalStateException("not byte mode: " + bits.substring(0, 4));
        }
        int countBits = version <= 9 ? 8 : 16;
        int count = Integer.parseInt(bits.substring(4, 4 + countBits), 2);
        byte[] text = new byte[count];
        for (int i = 0; i < count; i++) {
            int from = 4 + countBits + i * 8;
            text[i] = (byte) Integer.parseInt(bits.substring(from, from + 8), 2);
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    private static int multiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        int la = 0;
        int lb = 0;
        while (EXP[la] != a) {
            la++;
        }
        while (EXP[lb] != b) {
            lb++;
        }
        return EXP[la + lb];
    }

    private static boolean maskBit(int mask, int i, int j) {
        // i = row, j = column, as the standard writes the conditions
        return switch (mask) {
            case 0 -> (i + j) % 2 == 0;
            case 1 -> i % 2 == 0;
            case 2 -> j % 3 == 0;
            case 3 -> (i + j) % 3 == 0;
            case 4 -> (i / 2 + j / 3) % 2 == 0;
            case 5 -> (i * j) % 2 + (i * j) % 3 == 0;
            case 6 -> ((i * j) % 2 + (i * j) % 3) % 2 == 0;
            default -> ((i * j) % 3 + (i + j) % 2) % 2 == 0;
        };
    }

    /** Modules that carry no data: finders with separators, timing, alignment, format and version areas. */
    private static boolean[][] reserved(int version, int size) {
        boolean[][] r = new boolean[size][size];
        fill(r, 0, 0, 9, 9);
        fill(r, size - 8, 0, 8, 9);
        fill(r, 0, size - 8, 9, 8);
        for (int i = 0; i < size; i++) {
            r[6][i] = true;
            r[i][6] = true;
        }
        if (version >= 2) {
            // alignment centres from the standard's table for versions 2..10
            int[][] table = {{}, {}, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38}, {6, 24, 42},
                {6, 26, 46}, {6, 28, 50}};
            int[] c = table[version];
            int last = c.length - 1;
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < c.length; j++) {
                    if (i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0) {
                        continue; // where the finders are
                    }
                    fill(r, c[j] - 2, c[i] - 2, 5, 5);
                }
            }
        }
        if (version >= 7) {
            fill(r, size - 11, 0, 3, 6);
            fill(r, 0, size - 11, 6, 3);
        }
        return r;
    }

    private static void fill(boolean[][] r, int x, int y, int w, int h) {
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                r[yy][xx] = true;
            }
        }
    }
}
