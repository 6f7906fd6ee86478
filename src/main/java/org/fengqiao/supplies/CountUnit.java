package org.fengqiao.supplies;

import org.fengqiao.platform.ChoiceNames;

/** What a kind of supply is counted in: 个, 册, 本, 份, 套. */
@ChoiceNames("supplies.countUnit.")
public enum CountUnit {
    PIECE, VOLUME, BOOK, COPY, SET
}
