package org.fengqiao.platform;

/**
 * A unique key the code checks before it writes (a household's number, a team's name in its unit), named by the
 * database constraint behind it, with the check's own answer. The check cannot see a row another person has written
 * and not yet committed: two people saving the same name at once both pass it and the database refuses the second.
 * Declared as a bean by the module that checks it, the key has that refusal answered as the check answers, the
 * field's problem ({@link Invalid}) or the conflict ({@link Conflict}) with the check's message in the reader's
 * language, instead of a generic "saved meanwhile".
 *
 * @param constraint the name of the constraint (or unique index) in the database
 * @param field the field the check names in its problem; null for a check answering a {@link Conflict}
 * @param key the check's message key
 * @param named whether the message names the value taken (its {@code {0}}): the key's last column as stored
 */
public record UniqueKey(String constraint, String field, String key, boolean named) {

    /** A key whose check answers a field's problem ({@link Invalid}). */
    public static UniqueKey field(String constraint, String field, String key, boolean named) {
        return new UniqueKey(constraint, field, key, named);
    }

    /** A key whose check answers a conflict with what is stored ({@link Conflict}). */
    public static UniqueKey conflict(String constraint, String key, boolean named) {
        return new UniqueKey(constraint, null, key, named);
    }

    /** The check's answer, naming {@code value} (the value the database found taken) when its message does. */
    public RuntimeException answer(String value) {
        Object[] args = named ? new Object[] {value} : new Object[0];
        return field == null ? new Conflict(key, args) : Invalid.of(field, key, args);
    }
}
