package org.fengqiao.recovery;

/** The investigating department that verifies a recovery file: 刑侦, 经侦, 网安. */
public enum Department {
    CRIMINAL, ECONOMIC, CYBER
}
