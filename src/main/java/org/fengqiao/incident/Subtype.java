package org.fengqiao.incident;

/** The kind of a case or event (案事件). */
public enum Subtype {
    /** 刑事 */
    CRIMINAL,
    /** 治安 */
    PUBLIC_ORDER
}
