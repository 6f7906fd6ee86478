package org.fengqiao.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * Personal data at rest: identity numbers and phones are stored encrypted with AES-256-GCM and
 * found through keyed blind indexes (an HMAC of the normalised value), so an exact search is an
 * indexed equality on the index column and the database alone reveals neither.
 *
 * <p>A sealed value is one byte array: a version byte, a random 12-byte IV, then ciphertext and
 * the 16-byte tag. The version byte is also authenticated, and lets a later key or algorithm
 * (SM4-GCM) sit beside this one.
 *
 * <p>The 32-byte master key comes from {@code FENGQIAO_DATA_KEY} (base64); every instance of an
 * installation must be given the same key. Encryption and each blind-index purpose use their own
 * key derived from it, so an index value says nothing about the ciphertext or another index.
 * Without a configured key the demo generates one into the data directory and keeps it; anywhere
 * else the application refuses to start rather than store data it could not read again.
 */
@Component
// The data directory is the embedded PostgreSQL cluster: the key file may only appear in it once
// initdb has run there, since initdb refuses a directory that is not empty.
@DependsOn("dataSource")
public class PersonalDataCipher {

    static final String KEY_FILE = "personal-data.key";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int INDEX_HEX_CHARS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] masterKey;
    private final SecretKey encryptionKey;
    private final Map<String, SecretKey> indexKeys = new ConcurrentHashMap<>();

    @Autowired
    PersonalDataCipher(
            @Value("${fengqiao.personal-data.key:${FENGQIAO_DATA_KEY:}}") String key,
            @Value("${fengqiao.db.data-dir}") String dataDir,
            FengqiaoProperties properties) {
        this(key, Path.of(dataDir), properties.demoEnabled());
    }

    /**
     * @param key the base64 master key, blank when none was configured
     * @param dataDir where a demo keeps its generated key
     * @param demo whether a missing key may be generated
     */
    public PersonalDataCipher(String key, Path dataDir, boolean demo) {
        Path[] made = new Path[1];
        this.masterKey = masterKey(key, dataDir, demo, made);
        this.generated = made[0];
        this.encryptionKey = derive("encryption");
    }

    /** The demo key file this start generated, null when the key was configured or already kept. */
    private final Path generated;

    /**
     * The demo key this start generated removed again, the start being refused (the database's data is sealed under
     * another key: {@link PersonalDataKeyCheck}). Left behind, it would be the data directory's key from then on: a
     * backup taken would carry it in place of the right one, and the right key put back later would meet a file of
     * that name already there. Nothing a refused start made is left.
     */
    void discardGeneratedKey() {
        if (generated == null) {
            return;
        }
        try {
            if (Files.isRegularFile(generated) && java.util.Arrays.equals(Base64.getDecoder().decode(
                    Files.readString(generated).strip()), masterKey)) {
                Files.delete(generated);
                log.warn("Removed the demo key {} this refused start generated", generated);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("The demo key {} this refused start generated could not be removed: {}", generated, e.toString());
        }
    }

    /** Seals a value under a fresh random IV; two encryptions of one value never look alike. */
    public byte[] encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        PerThread mine = perThread.get();
        byte[] iv = mine.iv();
        try {
            Cipher cipher = mine.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(AAD);
            byte[] input = plain.getBytes(StandardCharsets.UTF_8);
            byte[] sealed = new byte[1 + IV_BYTES + cipher.getOutputSize(input.length)];
            sealed[0] = VERSION;
            System.arraycopy(iv, 0, sealed, 1, IV_BYTES);
            int written = cipher.doFinal(input, 0, input.length, sealed, 1 + IV_BYTES);
            return written == sealed.length - 1 - IV_BYTES ? sealed : java.util.Arrays.copyOf(sealed, 1 + IV_BYTES + written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static final byte[] AAD = {VERSION};

    /**
     * A thread's own cipher, MACs and random source. Getting a JCE instance looks its provider up and a MAC's
     * init derives its pads, which cost more than sealing an identity number; a shared SecureRandom makes
     * every thread queue on one lock. A bulk import seals millions of values on several threads.
     */
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    /** DRBG locks per instance, so one each keeps threads apart; the default on Linux shares one lock. */
    private static SecureRandom threadRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private final class PerThread {
        final SecureRandom random = threadRandom();
        final Map<String, Mac> macs = new java.util.HashMap<>();
        private Cipher cipher;
        // random bytes drawn a page at a time: a draw costs about as much for 12 bytes as for 1,536
        private final byte[] pool = new byte[IV_BYTES * 128];
        private int used = pool.length;

        byte[] iv() {
            if (used == pool.length) {
                random.nextBytes(pool);
                used = 0;
            }
            // each IV is taken from the pool once (an IV is public: it is stored beside its ciphertext)
            byte[] iv = java.util.Arrays.copyOfRange(pool, used, used + IV_BYTES);
            used += IV_BYTES;
            return iv;
        }

        Cipher cipher() throws GeneralSecurityException {
            if (cipher == null) {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
            }
            return cipher;
        }

        Mac mac(String purpose) {
            Mac mac = macs.get(purpose);
            if (mac == null) {
                SecretKey key = indexKeys.computeIfAbsent(purpose, p -> derive("blind-index:" + p));
                try {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 is not available", e);
                }
                macs.put(purpose, mac);
            }
            return mac;
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws UndecryptableData when the value was altered, cut short, or sealed under another key
     */
    public String decrypt(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8) {
            throw new UndecryptableData("sealed value too short: " + sealed.length + " bytes");
        }
        if (sealed[0] != VERSION) {
            throw new UndecryptableData("unknown sealed value version " + sealed[0]);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(sealed, 0, 1);
            byte[] plain = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UndecryptableData("sealed value altered or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The index of a value for one purpose ("id", "id-last6", "phone"; "id-last4" is no longer stored): the first 32
     * hex characters of an HMAC-SHA256 under a key derived for that purpose. The same value gives
     * the same index for the same purpose, so callers must pass it normalised (an identity number
     * as {@code IdentityNumber.value()}, a phone as digits only).
     */
    public String blindIndex(String purpose, String value) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a blind index needs a purpose");
        }
        if (value == null) {
            return null;
        }
        byte[] mac = perThread.get().mac(purpose).doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, INDEX_HEX_CHARS / 2);
    }

    /**
     * What names the master key without revealing it: an HMAC of a fixed text under a key derived for that use alone.
     * The database keeps it ({@link PersonalDataKeyCheck}) so that a start with another key is refused.
     */
    public String keyCheck() {
        return HexFormat.of().formatHex(hmac(derive("key-check"), KEY_CHECK_TEXT));
    }

    private static final byte[] KEY_CHECK_TEXT = "fengqiao/personal-data/key-check".getBytes(StandardCharsets.UTF_8);

    /** A key for one use: HMAC-SHA256 of the use's label under the master key (HKDF-Expand, one block). */
    private SecretKey derive(String label) {
        byte[] info = ("fengqiao/personal-data/" + label).getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(info.length + 1).put(info).put((byte) 1).array();
        return new SecretKeySpec(hmac(new SecretKeySpec(masterKey, "HmacSHA256"), input), "AES");
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Refuses, as {@link #PersonalDataCipher} would, a key that is no key, or none outside demo mode, without generating
     * one or touching the data directory: {@link PersonalDataKeyForm} asks before the database starts.
     */
    static void check(String configured, Path dataDir, boolean demo) {
        if (configured != null && !configured.isBlank()) {
            decodeKey(configured.strip(), "FENGQIAO_DATA_KEY");
            return;
        }
        if (!demo) {
            masterKey(configured, dataDir, false, new Path[1]);
        }
        Path file = dataDir.resolve(KEY_FILE);
        if (Files.isRegularFile(file)) {
            try {
                decodeKey(Files.readString(file).strip(), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("The demo key for personal data could not be read from " + file, e);
            }
        }
    }

    private static byte[] masterKey(String configured, Path dataDir, boolean demo, Path[] generated) {
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured.strip(), "FENGQIAO_DATA_KEY");
        }
        if (!demo) {
            throw new StartRefused("No key for personal data: outside demo mode FENGQIAO_DATA_KEY must be set",
                    "Set FENGQIAO_DATA_KEY to a base64-encoded 32-byte key (for example the output of 'openssl rand "
                    + "-base64 32'), the same on every instance, and keep it safe: identity numbers and phones cannot "
                    + "be read without it.");
        }
        return demoKey(dataDir, generated);
    }

    /** The demo's key, kept in the data directory; {@code generated} gets the file when this call wrote it. */
    private static byte[] demoKey(Path dataDir, Path[] generated) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path temporary = Files.createTempFile(dataDir, KEY_FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(fresh) + "\n");
                    // A link appears whole or not at all, and fails if another instance was first.
                    Files.createLink(file, temporary);
                    generated[0] = file;
                    log.warn("No FENGQIAO_DATA_KEY configured: generated a demo key for personal data in {}", file);
                } catch (FileAlreadyExistsException raced) {
                    log.debug("Another instance generated {} first", file);
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return decodeKey(Files.readString(file).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("The demo key for personal data could not be kept in " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new StartRefused("The personal data key in " + source + " is not base64",
                    "Give the key as base64, 32 bytes: generate one with 'openssl rand -base64 32'. If this "
                    + "installation already stores personal data, it is the key it was first started with.");
        }
        if (key.length != 32) {
            throw new StartRefused("The personal data key in " + source + " must be 32 bytes (AES-256), not "
                    + key.length, "Generate one with 'openssl rand -base64 32'. If this installation already stores "
                    + "personal data, it is the key it was first started with.");
        }
        return key;
    }

    /** A sealed value that cannot be opened: altered, truncated, or sealed under another key. */
    public static class UndecryptableData extends RuntimeException {
        UndecryptableData(String message) {
            super(message);
        }
    }
}
