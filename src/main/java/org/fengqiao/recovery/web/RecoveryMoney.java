package org.fengqiao.recovery.web;

import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** Money and rates as the recovery pages show them, as the bean recoveryMoney: yuan of fen, a rate in percent. */
@Component("recoveryMoney")
public class RecoveryMoney {

    /** Fen as yuan with two decimals. */
    public String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** A rate in percent, or a dash when there is no base to compare with. */
    public String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.toPlainString() + "%";
    }
}
