package org.fengqiao.platform;

import java.math.BigDecimal;

/**
 * Yuan as people type them on a form, as fen: up to two decimals, with thousands separators if they like (10,000 or
 * 10，000 with the full-width comma of a Chinese keyboard); never through a float. Shared by the modules whose forms
 * take money (recovery's losses and assets, the points store's costs and fund income), so that an amount typed
 * alike is read alike everywhere.
 */
public final class Yuan {

    private Yuan() {
    }

    /**
     * The fen of {@code yuan}, or null when left blank; anything else than yuan with at most two decimals is refused
     * on {@code field} with the module's message {@code key}.
     */
    public static Long fen(String yuan, String field, String key) {
        if (yuan == null || yuan.isBlank()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(yuan.strip().replace(",", "").replace("，", ""));
            if (v.scale() > 2) {
                throw Invalid.of(field, key);
            }
            return v.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw Invalid.of(field, key);
        }
    }
}
