package org.fengqiao.recovery;

/** What an asset traced for a file is. */
public enum AssetKind {
    CASH, BANK_DEPOSIT, VEHICLE, GOODS, JEWELLERY, PHONE, OTHER
}
