package org.fengqiao.recovery;

import org.fengqiao.platform.ChoiceNames;

/** What an asset traced for a file is. */
@ChoiceNames("recovery.kind.")
public enum AssetKind {
    CASH, BANK_DEPOSIT, VEHICLE, GOODS, JEWELLERY, PHONE, OTHER
}
