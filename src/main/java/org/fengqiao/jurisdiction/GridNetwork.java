package org.fengqiao.jurisdiction;

import org.fengqiao.platform.ChoiceNames;

/** The four networks merged into one (四网合一): police, 综治 (comprehensive governance), 城管 (urban management), 创城 (civilised city). */
@ChoiceNames("jurisdiction.network.")
public enum GridNetwork {
    POLICE, COMPREHENSIVE, URBAN, CIVILIZATION
}
