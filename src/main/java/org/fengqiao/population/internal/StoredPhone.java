package org.fengqiao.population.internal;

import org.fengqiao.platform.crypto.PersonalDataCipher;

/**
 * A phone as it is stored beside any record: encrypted, its keyed blind index for exact search, and
 * the masked form lists show. All three are null when there is no phone.
 */
public record StoredPhone(byte[] cipher, String index, String masked) {

    private static final StoredPhone NONE = new StoredPhone(null, null, null);

    /** The stored form of a phone already normalised by {@link PhoneNumbers#normalised}, or of none. */
    public static StoredPhone of(PersonalDataCipher cipher, String phone) {
        if (phone == null) {
            return NONE;
        }
        return new StoredPhone(cipher.encrypt(phone), cipher.blindIndex("phone", phone), PhoneNumbers.masked(phone));
    }
}
