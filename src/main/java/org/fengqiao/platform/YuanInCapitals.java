package org.fengqiao.platform;

/**
 * An amount of fen in Chinese capital figures (人民币大写), as a receipt or voucher states it beside the figures:
 * 壹万肆仟捌佰元整, 捌仟元伍角陆分, 壹元零伍分. Follows the People's Bank rules for writing amounts on vouchers: the
 * 壹 of 壹拾 is always written, one 零 stands for a run of zeros inside the number, 整 closes an amount without fen,
 * and a missing jiao before fen is written 零 so that nothing can be slipped in.
 */
public final class YuanInCapitals {

    private static final char[] DIGITS = "零壹贰叁肆伍陆柒捌玖".toCharArray();
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final String[] SECTIONS = {"", "万", "亿", "万亿"};

    private YuanInCapitals() {
    }

    /** {@code fen} in capitals; amounts are never negative and none on a receipt reaches 亿亿 yuan. */
    public static String of(long fen) {
        if (fen < 0 || fen / 100 >= 10_000_000_000_000_000L) {
            throw new IllegalArgumentException("not an amount for capital figures: " + fen);
        }
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int cents = (int) (fen % 10);
        StringBuilder b = new StringBuilder();
        if (yuan > 0) {
            b.append(whole(yuan)).append('元');
        }
        if (jiao == 0 && cents == 0) {
            return (yuan == 0 ? "零元" : b.toString()) + "整";
        }
        if (jiao > 0) {
            b.append(DIGITS[jiao]).append('角');
        } else if (yuan > 0) {
            b.append('零'); // 壹元零伍分: the empty jiao is written
        }
        if (cents > 0) {
            b.append(DIGITS[cents]).append('分');
        } else {
            b.append('整');
        }
        return b.toString();
    }

    /** Whole yuan (more than 0), four places to a section (万, 亿), a run of zeros between them read as one 零. */
    private static String whole(long yuan) {
        StringBuilder b = new StringBuilder();
        boolean zero = false;
        int top = SECTIONS.length - 1;
        long scale = 1_0000_0000_0000L;
        for (int s = top; s >= 0; s--, scale /= 10_000) {
            int section = (int) (yuan / scale % 10_000);
            if (section == 0) {
                zero = b.length() > 0;
                continue;
            }
            if (b.length() > 0 && section < 1000) {
                zero = true;
            }
            if (zero) {
                b.append('零');
                zero = false;
            }
            b.append(section(section)).append(SECTIONS[s]);
        }
        return b.toString();
    }

    /** One section of up to four places, 1..9999, with its inner zeros as one 零 and no trailing zeros. */
    private static String section(int n) {
        StringBuilder b = new StringBuilder();
        boolean zero = false;
        for (int place = 3, scale = 1000; place >= 0; place--, scale /= 10) {
            int d = n / scale % 10;
            if (d == 0) {
                zero = b.length() > 0;
                continue;
            }
            if (zero) {
                b.append('零');
                zero = false;
            }
            b.append(DIGITS[d]).append(PLACES[place]);
        }
        return b.toString();
    }
}
